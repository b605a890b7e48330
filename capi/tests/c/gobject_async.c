/* Differential test: LibvirtGObject's async API (GTask) and signals in a GMainLoop.
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

static GMainLoop *loop;
static GVirDomain *dom;

/* Signals are collected and printed at the end: neither library orders libvirt's events
 * against a GTask's completion. */
static GString *signals;
static void on_started(GVirDomain *d, gpointer data) { g_string_append_printf(signals, "signal started %s\n", gvir_domain_get_name(d)); }
static void on_stopped(GVirDomain *d, gpointer data) { g_string_append_printf(signals, "signal stopped %s\n", gvir_domain_get_name(d)); }

static void start_done(GObject *src, GAsyncResult *res, gpointer data)
{
    GError *err = NULL;
    gboolean ok = gvir_domain_start_finish(GVIR_DOMAIN(src), res, &err);
    printf("start_finish %d result-is-task %d\n", ok, G_IS_TASK(res));
    gvir_domain_stop(GVIR_DOMAIN(src), 0, NULL);
    gvir_domain_delete(GVIR_DOMAIN(src), 0, NULL);
    g_main_loop_quit(loop);
}

static void info_done(GObject *src, GAsyncResult *res, gpointer data)
{
    GError *err = NULL;
    GVirDomainInfo *info = gvir_domain_get_info_finish(GVIR_DOMAIN(src), res, &err);
    printf("info_finish state %d mem %llu\n", info->state, (unsigned long long)info->memory);
    g_boxed_free(GVIR_TYPE_DOMAIN_INFO, info);
    gvir_domain_start_async(dom, 0, NULL, start_done, NULL);
}

static void fetch_done(GObject *src, GAsyncResult *res, gpointer data)
{
    GError *err = NULL;
    GVirConnection *conn = GVIR_CONNECTION(src);
    printf("fetch_finish %d\n", gvir_connection_fetch_domains_finish(conn, res, &err));
    /* The domain object after the fetch (the C library makes new objects there). */
    dom = gvir_connection_find_domain_by_name(conn, "c-async");
    g_signal_connect(dom, "started", G_CALLBACK(on_started), NULL);
    g_signal_connect(dom, "stopped", G_CALLBACK(on_stopped), NULL);
    GVirDomain *test = gvir_connection_find_domain_by_name(conn, "test");
    gvir_domain_get_info_async(test, NULL, info_done, NULL);
    g_object_unref(test);
}

static void open_done(GObject *src, GAsyncResult *res, gpointer data)
{
    GError *err = NULL;
    GVirConnection *conn = GVIR_CONNECTION(src);
    if (!gvir_connection_open_finish(conn, res, &err)) {
        printf("open failed: %s\n", err->message);
        g_main_loop_quit(loop);
        return;
    }
    printf("open_finish ok\n");
    GVirConfigDomain *conf = gvir_config_domain_new_from_xml(
        "<domain type='test'><name>c-async</name><memory unit='KiB'>65536</memory>"
        "<os><type>hvm</type></os></domain>", NULL);
    GVirDomain *created = gvir_connection_create_domain(conn, conf, &err);
    printf("created %s\n", gvir_domain_get_name(created));
    g_object_unref(created);
    g_object_unref(conf);
    gvir_connection_fetch_domains_async(conn, NULL, fetch_done, NULL);
}

static void bad_open_done(GObject *src, GAsyncResult *res, gpointer data)
{
    GError *err = NULL;
    gboolean ok = gvir_connection_open_finish(GVIR_CONNECTION(src), res, &err);
    printf("bad open_finish %d error-set %d\n", ok, err != NULL);
    g_clear_error(&err);
    /* Then the real connection (chained: two opens would complete in either order). */
    gvir_connection_open_async(GVIR_CONNECTION(data), NULL, open_done, NULL);
}

int main(int argc, char **argv)
{
    gvir_init_object(&argc, &argv);
    loop = g_main_loop_new(NULL, FALSE);
    signals = g_string_new(NULL);
    GVirConnection *conn = gvir_connection_new("test:///default");
    GVirConnection *bad = gvir_connection_new("test:///no/such/file.xml");
    gvir_connection_open_async(bad, NULL, bad_open_done, conn);
    g_main_loop_run(loop);
    /* Let the stop/undefine events arrive. */
    GMainContext *ctx = g_main_context_default();
    gint64 end = g_get_monotonic_time() + 300000;
    while (g_get_monotonic_time() < end)
        if (!g_main_context_iteration(ctx, FALSE))
            g_usleep(5000);
    printf("%s", signals->str);
    g_string_free(signals, TRUE);
    g_object_unref(dom);
    gvir_connection_close(conn);
    g_object_unref(conn);
    drain();
    g_object_unref(bad);
    g_main_loop_unref(loop);
    return 0;
}
