/* Differential test of the GObject properties of LibvirtGConfig: GVirConfigDomain's
 * name, uuid, title, description, memory, current-memory, vcpu and features, and
 * GVirConfigObject's schema, through g_object_set/g_object_get and the accessors; then
 * gvir_config_object_validate against that schema. The same program runs on the C
 * library and on ours (gconfig_diff.rs). */
#include <libvirt-gconfig/libvirt-gconfig.h>
#include <stdio.h>

static void dump(const char *what, gpointer obj)
{
    gchar *xml = gvir_config_object_to_xml(GVIR_CONFIG_OBJECT(obj));
    printf("== %s\n%s\n", what, xml);
    g_free(xml);
}

static void show(GVirConfigDomain *dom)
{
    gchar *name = NULL, *uuid = NULL, *title = NULL, *desc = NULL;
    guint64 mem = 0, cur = 0, vcpu = 0;
    gchar **features = NULL;
    g_object_get(dom, "name", &name, "uuid", &uuid, "title", &title, "description", &desc,
                 "memory", &mem, "current-memory", &cur, "vcpu", &vcpu, "features", &features,
                 NULL);
    printf("name=%s uuid=%s title=%s description=%s memory=%llu current-memory=%llu vcpu=%llu\n",
           name ? name : "(null)", uuid ? uuid : "(null)", title ? title : "(null)",
           desc ? desc : "(null)", (unsigned long long)mem, (unsigned long long)cur,
           (unsigned long long)vcpu);
    printf("features:");
    for (gchar **f = features; f && *f; f++)
        printf(" %s", *f);
    printf("%s\n", features ? "" : " (null)");
    g_free(name);
    g_free(uuid);
    g_free(title);
    g_free(desc);
    g_strfreev(features);
}

static void validate(const char *what, gpointer obj)
{
    GError *err = NULL;
    gvir_config_object_validate(GVIR_CONFIG_OBJECT(obj), &err);
    if (err) {
        printf("validate %s: %s (%s %d)\n", what, err->message, g_quark_to_string(err->domain),
               err->code);
        g_error_free(err);
    } else {
        printf("validate %s: ok\n", what);
    }
}

static void notified(GObject *obj, GParamSpec *pspec, gpointer data)
{
    (void)obj;
    (void)data;
    printf("notify %s\n", pspec->name);
}

int main(void)
{
    gvir_config_init(NULL, NULL);
    GObjectClass *klass = g_type_class_ref(GVIR_CONFIG_TYPE_DOMAIN);
    guint n = 0;
    GParamSpec **specs = g_object_class_list_properties(klass, &n);
    /* GVirConfigObject's doc and node hold libxml2 pointers: only schema is compared. */
    for (guint i = 0; i < n; i++)
        if (specs[i]->owner_type == GVIR_CONFIG_TYPE_DOMAIN || g_str_equal(specs[i]->name, "schema"))
            printf("property %s %s flags %d\n", specs[i]->name, g_type_name(specs[i]->value_type),
               specs[i]->flags & (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_CONSTRUCT_ONLY));
    g_free(specs);
    g_type_class_unref(klass);

    GVirConfigDomain *dom = gvir_config_domain_new();
    show(dom);
    g_signal_connect(dom, "notify", G_CALLBACK(notified), NULL);
    const gchar *features[] = { "acpi", "apic", "pae", NULL };
    g_object_set(dom, "name", "props", "uuid", "c7a5fdbd-edaf-9455-926a-d65c16db1809",
                 "title", "A <title> & more", "description", "Made by g_object_set",
                 "memory", (guint64)524288, "current-memory", (guint64)262144,
                 "vcpu", (guint64)2, "features", features, NULL);
    show(dom);
    dump("set through properties", dom);
    gvir_config_domain_set_title(dom, NULL);
    gvir_config_domain_set_memory(dom, 1048576);
    gvir_config_domain_set_uuid(dom, "c7a5fdbd-edaf-9455-926a-d65c16db1810");
    gvir_config_domain_set_vcpus(dom, 4);
    gvir_config_domain_set_current_memory(dom, 524288);
    gvir_config_domain_set_name(dom, "renamed");
    gvir_config_domain_set_description(dom, "direct");
    show(dom);
    const gchar *none[] = { NULL };
    g_object_set(dom, "features", none, "description", NULL, NULL);
    show(dom);
    dump("cleared", dom);
    g_object_unref(dom);

    GError *err = NULL;
    dom = gvir_config_domain_new_from_xml(
        "<domain type='kvm'><name>parsed</name><memory unit='MiB'>64</memory>"
        "<currentMemory unit='GB'>1</currentMemory><vcpu>3</vcpu>"
        "<features><acpi/><hap state='on'/></features></domain>", &err);
    show(dom);
    gchar *schema = NULL;
    g_object_get(dom, "schema", &schema, NULL);
    gchar *base = schema ? g_path_get_basename(schema) : NULL;
    printf("schema %s\n", base ? base : "(null)");
    g_free(base);
    g_free(schema);
    validate("parsed without <os>", dom);
    GVirConfigDomainOs *os = gvir_config_domain_os_new();
    gvir_config_domain_os_set_os_type(os, GVIR_CONFIG_DOMAIN_OS_TYPE_HVM);
    gvir_config_domain_set_os(dom, os);
    validate("with <os>", dom);
    validate("its <os> (no schema)", os);
    g_object_unref(os);
    os = gvir_config_domain_get_os(dom);
    printf("get_os schema %s\n", gvir_config_object_get_schema(GVIR_CONFIG_OBJECT(os)) ? "domain's" : "(null)");
    validate("get_os (the domain's schema)", os);
    g_object_unref(os);
    gvir_config_domain_set_custom_xml(dom, "<bogus/>", "b", "urn:b", &err);
    validate("with metadata", dom);
    GVirConfigDomainMemballoon *balloon = gvir_config_domain_memballoon_new();
    gvir_config_domain_add_device(dom, GVIR_CONFIG_DOMAIN_DEVICE(balloon));
    g_object_unref(balloon);
    validate("with a balloon without model", dom);
    g_object_unref(dom);

    GVirConfigObject *plain = gvir_config_object_new(GVIR_CONFIG_TYPE_OBJECT, "network",
                                                     "/nonexistent/network.rng");
    validate("missing schema file", plain);
    g_object_unref(plain);
    GVirConfigNetwork *net = gvir_config_network_new_from_xml(
        "<network><name>n</name><bridge name='virbr9'/></network>", &err);
    validate("named network", net);
    g_object_unref(net);
    net = gvir_config_network_new();
    validate("empty network", net);
    g_object_unref(net);
    return 0;
}
