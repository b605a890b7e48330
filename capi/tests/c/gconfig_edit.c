/* Parses each document named on the command line (kind: the directory name),
 * prints gvir_config_object_to_xml, edits it through LibvirtGConfig and prints it
 * again: the same program runs on the C library and on ours (gconfig_diff.rs). */
#include <libvirt-gconfig/libvirt-gconfig.h>
#include <stdio.h>
#include <string.h>

static void dump(const char *what, gpointer obj)
{
    gchar *xml = gvir_config_object_to_xml(GVIR_CONFIG_OBJECT(obj));
    printf("== %s\n%s\n", what, xml);
    g_free(xml);
}

static const char *str(const char *s)
{
    return s ? s : "(null)";
}

/* Every getter of a <capabilities> document. */
static void capabilities(GVirConfigCapabilities *caps)
{
    GVirConfigCapabilitiesHost *host = gvir_config_capabilities_get_host(caps);
    if (host) {
        printf("host uuid=%s\n", str(gvir_config_capabilities_host_get_uuid(host)));
        GVirConfigCapabilitiesCpu *cpu = gvir_config_capabilities_host_get_cpu(host);
        if (cpu) {
            printf("cpu arch=%s\n", str(gvir_config_capabilities_cpu_get_arch(cpu)));
            GVirConfigCapabilitiesCpuModel *model = gvir_config_capabilities_cpu_get_model(cpu);
            if (model) {
                printf("cpu model=%s\n", str(gvir_config_capabilities_cpu_model_get_name(model)));
                g_object_unref(model);
            }
            GList *feats = gvir_config_capabilities_cpu_get_features(cpu);
            for (GList *l = feats; l; l = l->next)
                printf("cpu feature %s %s\n", G_OBJECT_TYPE_NAME(l->data),
                       str(gvir_config_capabilities_cpu_feature_get_name(l->data)));
            g_list_free_full(feats, g_object_unref);
            g_object_unref(cpu);
        }
        GList *models = gvir_config_capabilities_host_get_secmodels(host);
        for (GList *l = models; l; l = l->next)
            printf("secmodel %s doi=%s\n",
                   str(gvir_config_capabilities_host_secmodel_get_model(l->data)),
                   str(gvir_config_capabilities_host_secmodel_get_doi(l->data)));
        g_list_free_full(models, g_object_unref);
        g_object_unref(host);
    }
    GList *guests = gvir_config_capabilities_get_guests(caps);
    for (GList *g = guests; g; g = g->next) {
        printf("guest os_type=%d\n", gvir_config_capabilities_guest_get_os_type(g->data));
        GVirConfigCapabilitiesGuestArch *arch = gvir_config_capabilities_guest_get_arch(g->data);
        if (arch) {
            printf("arch %s emulator=%s\n", str(gvir_config_capabilities_guest_arch_get_name(arch)),
                   str(gvir_config_capabilities_guest_arch_get_emulator(arch)));
            GList *doms = gvir_config_capabilities_guest_arch_get_domains(arch);
            for (GList *l = doms; l; l = l->next)
                printf("domain virt_type=%d emulator=%s\n",
                       gvir_config_capabilities_guest_domain_get_virt_type(l->data),
                       str(gvir_config_capabilities_guest_domain_get_emulator(l->data)));
            g_list_free_full(doms, g_object_unref);
            g_object_unref(arch);
        }
        GList *feats = gvir_config_capabilities_guest_get_features(g->data);
        for (GList *l = feats; l; l = l->next)
            printf("guest feature %s\n", str(gvir_config_capabilities_guest_feature_get_name(l->data)));
        g_list_free_full(feats, g_object_unref);
    }
    g_list_free_full(guests, g_object_unref);
}

/* The snapshot getters. */
static void snapshot(GVirConfigDomainSnapshot *s)
{
    printf("snapshot parent=%s state=%d created=%ld\n",
           str(gvir_config_domain_snapshot_get_parent(s)),
           gvir_config_domain_snapshot_get_state(s),
           (long)gvir_config_domain_snapshot_get_creation_time(s));
    GList *disks = gvir_config_domain_snapshot_get_disks(s);
    for (GList *l = disks; l; l = l->next)
        printf("snapshot disk %s\n", str(gvir_config_domain_snapshot_disk_get_name(l->data)));
    g_list_free_full(disks, g_object_unref);
    GVirConfigDomain *dom = gvir_config_domain_snapshot_get_domain(s);
    if (dom) {
        printf("snapshot domain %s\n", str(gvir_config_domain_get_name(dom)));
        g_object_unref(dom);
    }
}

/* The devices of a domain, with their class and alias. */
static void devices(GVirConfigDomain *d)
{
    GList *devs = gvir_config_domain_get_devices(d);
    printf("devices: %u\n", g_list_length(devs));
    for (GList *l = devs; l; l = l->next) {
        printf("device %s alias=%s\n", G_OBJECT_TYPE_NAME(l->data),
               str(gvir_config_domain_device_get_alias(l->data)));
        /* what the C library makes of an element (or comment) it has no class for */
        if (G_OBJECT_TYPE(l->data) == GVIR_CONFIG_TYPE_DOMAIN_DEVICE)
            dump("plain device", l->data);
    }
    g_list_free_full(devs, g_object_unref);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        gchar *text = NULL;
        GError *err = NULL;
        if (!g_file_get_contents(argv[i], &text, NULL, NULL))
            return 2;
        gpointer obj = NULL;
        if (strstr(argv[i], "/domain/")) {
            obj = gvir_config_domain_new_from_xml(text, &err);
            if (obj) {
                dump(argv[i], obj);
                devices(obj);
                gvir_config_domain_set_name(obj, "edited");
                gvir_config_domain_set_memory(obj, 262144);
                GVirConfigDomainDisk *disk = gvir_config_domain_disk_new();
                gvir_config_domain_disk_set_type(disk, GVIR_CONFIG_DOMAIN_DISK_FILE);
                gvir_config_domain_disk_set_source(disk, "/tmp/extra.img");
                gvir_config_domain_disk_set_target_dev(disk, "vdz");
                gvir_config_domain_add_device(obj, GVIR_CONFIG_DOMAIN_DEVICE(disk));
                g_object_unref(disk);
            }
        } else if (strstr(argv[i], "/storagepool/")) {
            obj = gvir_config_storage_pool_new_from_xml(text, &err);
            if (obj) {
                dump(argv[i], obj);
                printf("pool %s type=%d\n", gvir_config_storage_pool_get_name(obj),
                       gvir_config_storage_pool_get_pool_type(obj));
                gvir_config_storage_pool_set_name(obj, "edited");
                gvir_config_storage_pool_set_capacity(obj, 42);
            }
        } else if (strstr(argv[i], "/storagevol/")) {
            obj = gvir_config_storage_vol_new_from_xml(text, &err);
            if (obj) {
                dump(argv[i], obj);
                gvir_config_storage_vol_set_name(obj, "edited");
                gvir_config_storage_vol_set_capacity(obj, 42);
            }
        } else if (strstr(argv[i], "/network/")) {
            obj = gvir_config_network_new_from_xml(text, &err);
            if (obj)
                dump(argv[i], obj);
        } else if (strstr(argv[i], "/domainsnapshot/")) {
            obj = gvir_config_domain_snapshot_new_from_xml(text, &err);
            if (obj) {
                dump(argv[i], obj);
                snapshot(obj);
                gvir_config_domain_snapshot_set_name(obj, "edited");
                gvir_config_domain_snapshot_set_description(obj, "x < y & z");
            }
        } else if (strstr(argv[i], "/capabilities/")) {
            obj = gvir_config_capabilities_new_from_xml(text, &err);
            if (obj) {
                dump(argv[i], obj);
                capabilities(obj);
            }
        } else if (strstr(argv[i], "/domaincaps/")) {
            obj = gvir_config_domain_capabilities_new_from_xml(text, &err);
            if (obj) {
                dump(argv[i], obj);
                GVirConfigDomainCapabilitiesOs *os = gvir_config_domain_capabilities_get_os(obj);
                if (os) {
                    GList *fws = gvir_config_domain_capabilities_os_get_firmwares(os);
                    for (GList *l = fws; l; l = l->next)
                        printf("firmware %d\n", GPOINTER_TO_INT(l->data));
                    g_list_free(fws);
                    g_object_unref(os);
                }
            }
        }
        if (obj) {
            dump("edited", obj);
            g_object_unref(obj);
        } else {
            printf("== %s: error: %s\n", argv[i], err ? "yes" : "none");
        }
        g_clear_error(&err);
        g_free(text);
    }
    return 0;
}
