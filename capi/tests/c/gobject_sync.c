/* Differential test: LibvirtGObject's blocking API and LibvirtGConfig on the test driver.
 * Built against the C library and against ours; the outputs must be equal. */
#include <libvirt-gobject/libvirt-gobject.h>
#include <stdio.h>

/* libvirt frees event callback data from the event loop after a deregistration: run it
 * briefly before exiting so those frees happen (valgrind checks for leaks). */
static void drain(void)
{
    gint64 end = g_get_monotonic_time() + 300000;
    while (g_get_monotonic_time() < end)
        if (!g_main_context_iteration(NULL, FALSE))
            g_usleep(5000);
}

static gint by_name(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(gvir_domain_get_name(GVIR_DOMAIN((gpointer)a)),
                     gvir_domain_get_name(GVIR_DOMAIN((gpointer)b)));
}

int main(int argc, char **argv)
{
    GError *err = NULL;
    gvir_init_object(&argc, &argv);

    GVirConnection *conn = gvir_connection_new("test:///default");
    printf("uri %s open %d\n", gvir_connection_get_uri(conn), gvir_connection_is_open(conn));
    if (!gvir_connection_open(conn, NULL, &err)) {
        printf("open failed: %s\n", err->message);
        return 1;
    }
    printf("open %d read-only %d\n", gvir_connection_is_open(conn), gvir_connection_is_read_only(conn));
    if (!gvir_connection_fetch_domains(conn, NULL, &err)) {
        printf("fetch failed: %s\n", err->message);
        return 1;
    }
    GList *doms = g_list_sort(gvir_connection_get_domains(conn), by_name);
    for (GList *l = doms; l; l = l->next) {
        GVirDomain *d = l->data;
        GVirDomainInfo *info = gvir_domain_get_info(d, &err);
        printf("domain %s uuid %s persistent %d state %d maxmem %llu mem %llu vcpus %u\n",
               gvir_domain_get_name(d), gvir_domain_get_uuid(d), gvir_domain_get_persistent(d),
               info->state, (unsigned long long)info->maxMem, (unsigned long long)info->memory,
               info->nrVirtCpu);
        g_boxed_free(GVIR_TYPE_DOMAIN_INFO, info);
        printf("id %d\n", gvir_domain_get_id(d, NULL));
        GVirConfigDomain *cfg = gvir_domain_get_config(d, 0, &err);
        printf("config name %s\n", gvir_config_domain_get_name(cfg));
        g_object_unref(cfg);
    }
    g_list_free_full(doms, g_object_unref);

    GVirDomain *test = gvir_connection_find_domain_by_name(conn, "test");
    printf("find by name: %s\n", test ? gvir_domain_get_name(test) : "(null)");
    GVirDomain *byid = gvir_connection_find_domain_by_id(conn, 1);
    printf("find by id: %s\n", byid ? gvir_domain_get_name(byid) : "(null)");
    GVirDomain *missing = gvir_connection_find_domain_by_name(conn, "no-such-domain");
    printf("find missing: %s\n", missing ? "found" : "(null)");

    GVirNodeInfo *ni = gvir_connection_get_node_info(conn, &err);
    printf("node %s cpus %u mhz %u memory %lu\n", ni->model, ni->cpus, ni->mhz, ni->memory);
    g_boxed_free(gvir_node_info_get_type(), ni);
    gchar *hv = gvir_connection_get_hypervisor_name(conn, &err);
    printf("hypervisor %s\n", hv);
    g_free(hv);

    /* A domain defined, started, suspended, resumed, stopped and removed. */
    GVirConfigDomain *conf = gvir_config_domain_new_from_xml(
        "<domain type='test'><name>c-diff</name><memory unit='KiB'>65536</memory>"
        "<os><type>hvm</type></os></domain>", &err);
    gvir_config_domain_set_name(conf, "c-diff-renamed");
    printf("conf name %s\n", gvir_config_domain_get_name(conf));
    GVirDomain *dom = gvir_connection_create_domain(conn, conf, &err);
    if (!dom) {
        printf("create failed: %s\n", err->message);
        return 1;
    }
    printf("created %s\n", gvir_domain_get_name(dom));
    printf("start %d\n", gvir_domain_start(dom, 0, NULL));
    printf("suspend %d\n", gvir_domain_suspend(dom, NULL));
    printf("resume %d\n", gvir_domain_resume(dom, NULL));
    printf("stop %d\n", gvir_domain_stop(dom, 0, NULL));
    gint stopped_id = gvir_domain_get_id(dom, &err);
    printf("id of stopped: %d error %s\n", stopped_id, err ? "set" : "unset");
    g_clear_error(&err);
    printf("delete %d\n", gvir_domain_delete(dom, 0, NULL));
    g_object_unref(dom);
    g_object_unref(conf);

    /* A failure carries a GError. */
    GVirConfigDomain *bad = gvir_config_domain_new_from_xml("<domain type='test'><name>x</name></domain>", NULL);
    GVirDomain *none = gvir_connection_create_domain(conn, bad, &err);
    printf("bad define: %s, error %s\n", none ? "defined" : "(null)", err ? "set" : "unset");
    g_clear_error(&err);
    g_object_unref(bad);

    g_object_unref(test);
    g_object_unref(byid);
    gvir_connection_close(conn);
    printf("closed, open %d\n", gvir_connection_is_open(conn));
    g_object_unref(conn);
    drain();
    return 0;
}
