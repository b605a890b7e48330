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
                gvir_config_domain_snapshot_set_name(obj, "edited");
                gvir_config_domain_snapshot_set_description(obj, "x < y & z");
            }
        } else if (strstr(argv[i], "/capabilities/")) {
            obj = gvir_config_capabilities_new_from_xml(text, &err);
            if (obj)
                dump(argv[i], obj);
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
