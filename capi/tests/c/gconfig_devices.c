/* Differential test of LibvirtGConfig device setters with behaviour of their own in the
 * C library: smartcard certificates and address, filesystem RAM usage. The same program
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
    return 0;
}
