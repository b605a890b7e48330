/* The C libvirt-gobject 4.0 side of benches/fetch.rs: open a connection, fetch all
 * domains, read each one's name and state. Prints one line:
 *   open_ms fetch_ms states_ms domains rss_before_kb rss_after_kb
 * Built at bench time with `cc c_fetch.c $(pkg-config --cflags --libs libvirt-gobject-1.0)`;
 * never linked into our crates. */
#include <libvirt-gobject/libvirt-gobject.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long rss_kb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            sscanf(line + 6, "%ld", &kb);
    if (f)
        fclose(f);
    return kb;
}

int main(int argc, char **argv) {
    GError *err = NULL;
    if (argc != 2) {
        fprintf(stderr, "usage: %s URI\n", argv[0]);
        return 2;
    }
    gvir_init_object(NULL, NULL);
    long rss0 = rss_kb();
    GVirConnection *conn = gvir_connection_new(argv[1]);
    double t0 = now_ms();
    if (!gvir_connection_open(conn, NULL, &err)) {
        fprintf(stderr, "open: %s\n", err->message);
        return 1;
    }
    double t1 = now_ms();
    if (!gvir_connection_fetch_domains(conn, NULL, &err)) {
        fprintf(stderr, "fetch: %s\n", err->message);
        return 1;
    }
    double t2 = now_ms();
    GList *doms = gvir_connection_get_domains(conn);
    long n = 0, running = 0;
    for (GList *l = doms; l; l = l->next) {
        GVirDomain *d = l->data;
        const char *name = gvir_domain_get_name(d);
        GVirDomainInfo *info = gvir_domain_get_info(d, &err);
        if (!info || !name) {
            fprintf(stderr, "info: %s\n", err ? err->message : "no name");
            return 1;
        }
        if (info->state == GVIR_DOMAIN_STATE_RUNNING)
            running++;
        n++;
        g_boxed_free(GVIR_TYPE_DOMAIN_INFO, info);
    }
    double t3 = now_ms();
    long rss1 = rss_kb();
    printf("%.3f %.3f %.3f %ld %ld %ld %ld\n", t1 - t0, t2 - t1, t3 - t2, n, running, rss0, rss1);
    g_list_free_full(doms, g_object_unref);
    return 0;
}
