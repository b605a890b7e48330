/* The C libvirt-gconfig side of benches/vs_c.rs.
 *
 * usage: gconfig_bench ITERATIONS COPIES FILE...
 *
 * 1. Memory: parses COPIES copies of every FILE and keeps them all alive;
 *    reports the growth of the peak RSS (getrusage) per resident document.
 * 2. Throughput: ITERATIONS times over every FILE: parse, read the name, the
 *    memory and the list of devices, write back to XML; reports documents/s.
 *
 * Prints one line: "docs_per_sec=F peak_rss_kib=N mem_per_doc_bytes=N docs=N".
 */
#include <libvirt-gconfig/libvirt-gconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static GVirConfigDomain *parse(const char *xml)
{
    GError *err = NULL;
    GVirConfigDomain *dom = gvir_config_domain_new_from_xml(xml, &err);
    if (dom == NULL) {
        fprintf(stderr, "gconfig_bench: parse failed: %s\n", err ? err->message : "?");
        exit(1);
    }
    return dom;
}

/* The same work as the Rust side: returns a checksum so nothing is optimised away. */
static gsize work(const char *xml)
{
    gsize sum = 0;
    GVirConfigDomain *dom = parse(xml);
    const char *name = gvir_config_domain_get_name(dom);
    sum += name ? strlen(name) : 0;
    sum += gvir_config_domain_get_memory(dom);
    GList *devices = gvir_config_domain_get_devices(dom);
    sum += g_list_length(devices);
    g_list_free_full(devices, g_object_unref);
    gchar *out = gvir_config_object_to_xml(GVIR_CONFIG_OBJECT(dom));
    sum += strlen(out);
    g_free(out);
    g_object_unref(dom);
    return sum;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s ITERATIONS COPIES FILE...\n", argv[0]);
        return 2;
    }
    long iterations = atol(argv[1]);
    long copies = atol(argv[2]);
    int nfiles = argc - 3;
    gchar **texts = g_new0(gchar *, nfiles);
    for (int i = 0; i < nfiles; i++) {
        GError *err = NULL;
        if (!g_file_get_contents(argv[3 + i], &texts[i], NULL, &err)) {
            fprintf(stderr, "gconfig_bench: %s\n", err->message);
            return 1;
        }
    }
    /* Warm up: type registration, libxml2 initialisation. */
    gsize sum = work(texts[0]);

    long before = peak_rss_kib();
    long held = copies * nfiles;
    GVirConfigDomain **docs = g_new0(GVirConfigDomain *, held);
    for (long c = 0; c < copies; c++)
        for (int i = 0; i < nfiles; i++)
            docs[c * nfiles + i] = parse(texts[i]);
    long after = peak_rss_kib();
    for (long k = 0; k < held; k++)
        g_object_unref(docs[k]);
    g_free(docs);

    double start = now();
    for (long it = 0; it < iterations; it++)
        for (int i = 0; i < nfiles; i++)
            sum += work(texts[i]);
    double secs = now() - start;

    printf("docs_per_sec=%.1f peak_rss_kib=%ld mem_per_doc_bytes=%ld docs=%ld checksum=%zu\n",
           iterations * nfiles / secs, peak_rss_kib(),
           (after - before) * 1024 / held, iterations * nfiles, sum);
    return 0;
}
