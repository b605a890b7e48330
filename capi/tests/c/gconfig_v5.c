/* The LibvirtGConfig additions of libvirt-glib 5.0.0: audio backends, D-Bus graphics,
 * firmware feature flags, USB disks removable by default. Debian's C library (4.0.0)
 * lacks them, so gconfig_diff.rs compares this program's output on ours with
 * gconfig_v5.expected: the XML the 5.0.0 C code writes for these calls. */
#include <libvirt-gconfig/libvirt-gconfig.h>
#include <stdio.h>

static void dump(const char *what, gpointer obj)
{
    gchar *xml = gvir_config_object_to_xml(GVIR_CONFIG_OBJECT(obj));
    printf("== %s\n%s\n", what, xml);
    g_free(xml);
}

static void show_address(GVirConfigDomainGraphicsDBus *g)
{
    const char *addr = gvir_config_domain_graphics_dbus_get_address(g);
    printf("address: %s\n", addr ? addr : "(none)");
}

int main(void)
{
    GError *err = NULL;
    gvir_config_init(NULL, NULL);

    /* <audio>: the backend is the type attribute (its enum nick), removed and added
     * again at the end on every call; NULL writes an empty serverName. */
    GEnumClass *backends = g_type_class_ref(GVIR_CONFIG_TYPE_DOMAIN_AUDIO_BACKEND);
    printf("audio backends:");
    for (guint i = 0; i < backends->n_values; i++)
        printf(" %d=%s", backends->values[i].value, backends->values[i].value_nick);
    printf("\n");
    g_type_class_unref(backends);
    GVirConfigDomainAudio *audio = gvir_config_domain_audio_new();
    printf("audio is a device: %d\n", GVIR_CONFIG_IS_DOMAIN_DEVICE(audio));
    dump("audio new", audio);
    gvir_config_domain_audio_set_backend(audio, GVIR_CONFIG_DOMAIN_AUDIO_BACKEND_PULSEAUDIO);
    gvir_config_domain_audio_set_server_name(audio, "/run/user/1000/pulse/native");
    dump("audio pulseaudio", audio);
    gvir_config_domain_audio_set_backend(audio, GVIR_CONFIG_DOMAIN_AUDIO_BACKEND_SPICE);
    dump("audio spice", audio);
    gvir_config_domain_audio_set_server_name(audio, NULL);
    dump("audio server name NULL", audio);
    gvir_config_domain_audio_set_backend(audio, 42);
    dump("audio backend without a nick", audio);
    g_object_unref(audio);
    audio = gvir_config_domain_audio_new_from_xml("<audio id='1' type='none'><output mixingEngine='no'/></audio>", &err);
    g_assert_no_error(err);
    gvir_config_domain_audio_set_backend(audio, GVIR_CONFIG_DOMAIN_AUDIO_BACKEND_FILE);
    dump("audio parsed, file", audio);
    g_object_unref(audio);

    /* <graphics type="dbus">: address attribute, <gl enable> replaced in place. */
    GVirConfigDomainGraphicsDBus *dbus = gvir_config_domain_graphics_dbus_new();
    printf("dbus is graphics: %d\n", GVIR_CONFIG_IS_DOMAIN_GRAPHICS(dbus));
    dump("dbus new", dbus);
    show_address(dbus);
    gvir_config_domain_graphics_dbus_set_address(dbus, "unix:path=/run/vireo/dbus.sock");
    gvir_config_domain_graphics_dbus_set_gl(dbus, TRUE);
    dump("dbus address, gl", dbus);
    show_address(dbus);
    gvir_config_domain_graphics_dbus_set_gl(dbus, FALSE);
    gvir_config_domain_graphics_dbus_set_address(dbus, "unix:path=/tmp/other");
    dump("dbus gl off, other address", dbus);
    g_object_unref(dbus);
    dbus = gvir_config_domain_graphics_dbus_new_from_xml(
        "<graphics type='dbus' p2p='no'><gl enable='yes' rendernode='/dev/dri/renderD128'/><audio id='1'/></graphics>", &err);
    g_assert_no_error(err);
    dump("dbus parsed", dbus);
    show_address(dbus);
    gvir_config_domain_graphics_dbus_set_gl(dbus, FALSE);
    dump("dbus parsed, gl off", dbus);
    g_object_unref(dbus);
    /* Another type of graphics: NULL, and no error. */
    dbus = gvir_config_domain_graphics_dbus_new_from_xml("<graphics type='vnc'/>", &err);
    printf("vnc as dbus: %s, error: %s\n", dbus ? "object" : "NULL", err ? err->message : "none");

    /* get_devices gives a <graphics type="dbus"> as GVirConfigDomainGraphicsDBus. */
    GVirConfigDomain *dom = gvir_config_domain_new_from_xml(
        "<domain type='kvm'><name>v5</name><devices>"
        "<graphics type='dbus' address='unix:path=/tmp/d'/><graphics type='vnc' port='-1'/>"
        "<sound model='ich9'><audio id='1'/></sound><audio id='1' type='pulseaudio'/>"
        "</devices></domain>", &err);
    g_assert_no_error(err);
    GList *devices = gvir_config_domain_get_devices(dom);
    for (GList *l = devices; l != NULL; l = l->next) {
        printf("device: %s\n", G_OBJECT_TYPE_NAME(l->data));
        if (GVIR_CONFIG_IS_DOMAIN_GRAPHICS_DBUS(l->data))
            show_address(l->data);
    }
    g_list_free_full(devices, g_object_unref);

    /* Firmware features: each call appends <firmware><feature/></firmware> to <os>. */
    GVirConfigDomainOs *os = gvir_config_domain_os_new();
    gvir_config_domain_os_set_os_type(os, GVIR_CONFIG_DOMAIN_OS_TYPE_HVM);
    gvir_config_domain_os_set_firmware(os, GVIR_CONFIG_DOMAIN_OS_FIRMWARE_EFI);
    gvir_config_domain_os_enable_firmware_feature(os, "secure-boot", TRUE);
    dump("os secure-boot", os);
    gvir_config_domain_os_enable_firmware_feature(os, "enrolled-keys", FALSE);
    dump("os enrolled-keys off", os);
    gvir_config_domain_set_os(dom, os);
    g_object_unref(os);
    os = gvir_config_domain_get_os(dom);
    gvir_config_domain_os_enable_firmware_feature(os, "secure-boot", FALSE);
    g_object_unref(os);
    dump("domain with firmware features", dom);
    g_object_unref(dom);

    /* USB disks are removable by default. */
    GVirConfigDomainDisk *disk = gvir_config_domain_disk_new();
    gvir_config_domain_disk_set_type(disk, GVIR_CONFIG_DOMAIN_DISK_FILE);
    gvir_config_domain_disk_set_source(disk, "/var/lib/images/stick.img");
    gvir_config_domain_disk_set_target_dev(disk, "sdb");
    gvir_config_domain_disk_set_target_bus(disk, GVIR_CONFIG_DOMAIN_DISK_BUS_USB);
    dump("usb disk", disk);
    gvir_config_domain_disk_set_target_bus(disk, GVIR_CONFIG_DOMAIN_DISK_BUS_SATA);
    dump("usb disk moved to sata", disk);
    gvir_config_domain_disk_set_target_bus(disk, GVIR_CONFIG_DOMAIN_DISK_BUS_USB);
    dump("back on usb", disk);
    printf("bus: %d\n", gvir_config_domain_disk_get_target_bus(disk));
    g_object_unref(disk);
    disk = gvir_config_domain_disk_new();
    gvir_config_domain_disk_set_target_bus(disk, GVIR_CONFIG_DOMAIN_DISK_BUS_VIRTIO);
    dump("virtio disk", disk);
    g_object_unref(disk);
    return 0;
}
