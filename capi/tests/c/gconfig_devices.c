/* Differential test of LibvirtGConfig device setters with behaviour of their own in the
 * C library: smartcard certificates and address, filesystem RAM usage, and setters of a
 * child's attribute on parsed documents (some replace the child, its other attributes
 * gone; others reuse it). The same program
 * runs on the C library and on ours (gconfig_diff.rs); the outputs must be equal. */
#include <libvirt-gconfig/libvirt-gconfig.h>
#include <stdio.h>

static void dump(const char *what, gpointer obj)
{
    gchar *xml = gvir_config_object_to_xml(GVIR_CONFIG_OBJECT(obj));
    printf("== %s\n%s\n", what, xml);
    g_free(xml);
}

int main(void)
{
    gvir_config_init(NULL, NULL);

    /* The C library sets the text of the smartcard element itself after adding each
     * <certificate>, so only the last certificate's text remains. */
    GVirConfigDomainSmartcardHostCertificates *sc = gvir_config_domain_smartcard_host_certificates_new();
    gvir_config_domain_smartcard_host_certificates_set_database(sc, "/etc/pki/nssdb");
    gvir_config_domain_smartcard_host_certificates_set_certificates(sc, "cert1", "cert2", "cert3");
    dump("certificates", sc);
    gvir_config_domain_smartcard_host_certificates_set_certificates(sc, "a", NULL, "c");
    dump("certificates with a NULL", sc);
    gvir_config_domain_smartcard_host_certificates_set_certificates(sc, "x", "y", NULL);
    dump("certificates ending in NULL", sc);
    gvir_config_domain_smartcard_host_certificates_set_certificates(sc, "x", NULL, NULL);
    dump("one certificate", sc);
    gvir_config_domain_smartcard_host_certificates_set_certificates(sc, NULL, NULL, NULL);
    dump("certificates removed", sc);
    g_object_unref(sc);

    /* set_address takes a redirdev (the C library's prototype), replacing <address>. */
    GVirConfigDomainRedirdev *redir = gvir_config_domain_redirdev_new();
    GVirConfigDomainAddressUsb *usb = gvir_config_domain_address_usb_new();
    gvir_config_domain_address_usb_set_bus(usb, 1);
    gvir_config_domain_address_usb_set_port(usb, "2");
    gvir_config_domain_smartcard_set_address(redir, GVIR_CONFIG_DOMAIN_ADDRESS(usb));
    g_object_unref(usb);
    usb = gvir_config_domain_address_usb_new();
    gvir_config_domain_address_usb_set_bus(usb, 3);
    gvir_config_domain_smartcard_set_address(redir, GVIR_CONFIG_DOMAIN_ADDRESS(usb));
    g_object_unref(usb);
    dump("redirdev address", redir);
    gvir_config_domain_smartcard_set_address(redir, NULL);
    dump("redirdev address removed", redir);
    g_object_unref(redir);

    /* RAM usage needs the filesystem's type set to RAM through this object. */
    GVirConfigDomainFilesys *fs = gvir_config_domain_filesys_new();
    gvir_config_domain_filesys_set_type(fs, GVIR_CONFIG_DOMAIN_FILESYS_RAM);
    gvir_config_domain_filesys_set_target(fs, "/mnt/ram");
    gvir_config_domain_filesys_set_ram_usage(fs, 1048576);
    dump("ram filesystem", fs);
    gvir_config_domain_filesys_set_ram_usage(fs, 2048);
    dump("ram usage replaced", fs);
    g_object_unref(fs);

    /* A filesystem parsed as type='ram' was never set to RAM through the object. */
    GError *err = NULL;
    fs = gvir_config_domain_filesys_new_from_xml(
        "<filesystem type='ram'><source usage='1' units='bytes'/><target dir='/r'/></filesystem>", &err);
    g_log_set_always_fatal(G_LOG_FATAL_MASK);
    gvir_config_domain_filesys_set_ram_usage(fs, 4096);
    dump("parsed ram filesystem (unchanged)", fs);
    gvir_config_domain_filesys_set_type(fs, GVIR_CONFIG_DOMAIN_FILESYS_RAM);
    gvir_config_domain_filesys_set_ram_usage(fs, 4096);
    dump("parsed ram filesystem, type set", fs);
    g_object_unref(fs);
    /* Child attributes on parsed documents: replace_child_with_attribute* setters
     * (spice gl, image compression, disk source, interface mac/model/source, video
     * model, boot menu, pool source format) put a new element in place of the old;
     * add_child_with_attribute ones (target dev and bus, video vram) keep it. */
    GVirConfigDomainGraphicsSpice *spice = gvir_config_domain_graphics_spice_new_from_xml(
        "<graphics type='spice'><gl enable='yes' rendernode='/dev/dri/renderD128'/>"
        "<image compression='glz' extra='1'/><streaming mode='filter'/></graphics>", &err);
    g_assert_no_error(err);
    gvir_config_domain_graphics_spice_set_gl(spice, FALSE);
    gvir_config_domain_graphics_spice_set_image_compression(spice,
        GVIR_CONFIG_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_QUIC);
    dump("spice gl and image compression on a parsed element", spice);
    g_object_unref(spice);
    GVirConfigDomainDisk *pdisk = gvir_config_domain_disk_new_from_xml(
        "<disk type='file' device='disk'><driver name='qemu' type='raw' io='native'/>"
        "<source file='/old.img' index='2'><seclabel model='dac' relabel='no'/></source>"
        "<target dev='vda' bus='virtio' rotation_rate='1'/></disk>", &err);
    g_assert_no_error(err);
    gvir_config_domain_disk_set_source(pdisk, "/new.img");
    gvir_config_domain_disk_set_target_dev(pdisk, "vdb");
    gvir_config_domain_disk_set_target_bus(pdisk, GVIR_CONFIG_DOMAIN_DISK_BUS_SCSI);
    dump("disk source, driver, target on a parsed element", pdisk);
    g_object_unref(pdisk);
    GVirConfigDomainInterfaceNetwork *nic = gvir_config_domain_interface_network_new_from_xml(
        "<interface type='network'><mac address='52:54:00:00:00:01' type='static'/>"
        "<source network='default' portgroup='pg'/><model type='e1000'/>"
        "<link state='up'/></interface>", &err);
    g_assert_no_error(err);
    gvir_config_domain_interface_set_mac(GVIR_CONFIG_DOMAIN_INTERFACE(nic), "52:54:00:00:00:02");
    gvir_config_domain_interface_network_set_source(nic, "other");
    gvir_config_domain_interface_set_model(GVIR_CONFIG_DOMAIN_INTERFACE(nic), "virtio");
    dump("interface mac, source, model on a parsed element", nic);
    g_object_unref(nic);
    GVirConfigDomainVideo *video = gvir_config_domain_video_new_from_xml(
        "<video><model type='qxl' ram='65536' vram='65536' heads='1' primary='yes'/></video>", &err);
    g_assert_no_error(err);
    gvir_config_domain_video_set_vram(video, 32768);
    dump("video vram on a parsed model", video);
    gvir_config_domain_video_set_model(video, GVIR_CONFIG_DOMAIN_VIDEO_MODEL_VIRTIO);
    dump("video model on a parsed model", video);
    g_object_unref(video);
    GVirConfigDomainOs *pos = gvir_config_domain_os_new_from_xml(
        "<os><type>hvm</type><bootmenu enable='no' timeout='3000'/></os>", &err);
    g_assert_no_error(err);
    gvir_config_domain_os_enable_boot_menu(pos, TRUE);
    dump("boot menu on a parsed os", pos);
    g_object_unref(pos);
    GVirConfigStoragePoolSource *psrc = gvir_config_storage_pool_source_new_from_xml(
        "<source><format type='auto' extra='x'/><host name='h' port='3260'/></source>", &err);
    g_assert_no_error(err);
    gvir_config_storage_pool_source_set_format(psrc, "ext4");
    gvir_config_storage_pool_source_set_host(psrc, "other-host");
    dump("pool source format and host on a parsed source", psrc);
    g_object_unref(psrc);
    return 0;
}
