/* Differential test of the LibvirtGConfig calls GNOME Boxes makes to build and edit a
 * domain: custom metadata (gvir_config_domain_set_custom_xml*), character device and
 * smartcard sources, USB companion controllers. The same program runs on the C
 * library and on ours (gconfig_diff.rs); the outputs must be equal. */
#include <libvirt-gconfig/libvirt-gconfig.h>
#include <stdio.h>

static void dump(const char *what, gpointer obj)
{
    gchar *xml = gvir_config_object_to_xml(GVIR_CONFIG_OBJECT(obj));
    printf("== %s\n%s\n", what, xml);
    g_free(xml);
}

static void add(GVirConfigDomain *dom, gpointer dev)
{
    gvir_config_domain_add_device(dom, GVIR_CONFIG_DOMAIN_DEVICE(dev));
    g_object_unref(dev);
}

static GVirConfigDomainControllerUsb *usb(GVirConfigDomainControllerUsbModel model, guint index,
                                          GVirConfigDomainControllerUsb *master, guint port)
{
    GVirConfigDomainControllerUsb *c = gvir_config_domain_controller_usb_new();
    gvir_config_domain_controller_usb_set_model(c, model);
    gvir_config_domain_controller_set_index(GVIR_CONFIG_DOMAIN_CONTROLLER(c), index);
    if (master)
        gvir_config_domain_controller_usb_set_master(c, master, port);
    return c;
}

int main(void)
{
    GError *err = NULL;
    gvir_config_init(NULL, NULL);
    GVirConfigDomain *dom = gvir_config_domain_new();
    gvir_config_domain_set_name(dom, "boxes-like");

    /* Boxes' metadata: its own namespace on every element (ns_children), then replaced. */
    const char *meta = "<gnome-boxes><os-state>installed</os-state><media-id/>"
                       "<os-id>http://debian.org/debian/12</os-id></gnome-boxes>";
    printf("custom %d\n", gvir_config_domain_set_custom_xml_ns_children(
               dom, meta, "boxes", "https://wiki.gnome.org/Apps/Boxes", &err));
    gchar *got = gvir_config_domain_get_custom_xml(dom, "https://wiki.gnome.org/Apps/Boxes");
    printf("get custom\n%s\n", got);
    g_free(got);
    dump("ns children", dom);
    printf("custom %d\n", gvir_config_domain_set_custom_xml_ns_children(
               dom, "<gnome-boxes><os-state>live</os-state></gnome-boxes>", "boxes",
               "https://wiki.gnome.org/Apps/Boxes", &err));
    printf("custom %d\n", gvir_config_domain_set_custom_xml(
               dom, "<app><x a=\"1\">t</x><!-- c --><y/></app>", "other", "urn:other", &err));
    dump("replaced + second namespace", dom);
    printf("custom %d\n", gvir_config_domain_set_custom_xml(
               dom, "<app2/>", "other", "urn:other", &err));
    dump("second replaced", dom);

    /* USB: the EHCI master and its UHCI companions. */
    GVirConfigDomainControllerUsb *ehci =
        usb(GVIR_CONFIG_DOMAIN_CONTROLLER_USB_MODEL_ICH9_EHCI1, 3, NULL, 0);
    add(dom, usb(GVIR_CONFIG_DOMAIN_CONTROLLER_USB_MODEL_ICH9_UHCI1, 0, ehci, 0));
    add(dom, usb(GVIR_CONFIG_DOMAIN_CONTROLLER_USB_MODEL_ICH9_UHCI2, 0, ehci, 2));
    GVirConfigDomainControllerUsb *again =
        usb(GVIR_CONFIG_DOMAIN_CONTROLLER_USB_MODEL_ICH9_UHCI3, 0, ehci, 4);
    gvir_config_domain_controller_usb_set_master(again, ehci, 5);
    add(dom, again);
    add(dom, ehci);

    /* Character devices: the source's attributes go first on the device element, its
     * children are moved in. */
    GVirConfigDomainChannel *channel = gvir_config_domain_channel_new();
    gvir_config_domain_channel_set_target_type(channel, GVIR_CONFIG_DOMAIN_CHANNEL_TARGET_VIRTIO);
    gvir_config_domain_channel_set_target_name(channel, "com.redhat.spice.0");
    GVirConfigDomainChardevSourceSpiceVmc *vmc = gvir_config_domain_chardev_source_spicevmc_new();
    gvir_config_domain_chardev_set_source(GVIR_CONFIG_DOMAIN_CHARDEV(channel),
                                          GVIR_CONFIG_DOMAIN_CHARDEV_SOURCE(vmc));
    g_object_unref(vmc);
    add(dom, channel);

    GVirConfigDomainConsole *console = gvir_config_domain_console_new();
    GVirConfigDomainChardevSourcePty *pty = gvir_config_domain_chardev_source_pty_new();
    gvir_config_domain_chardev_source_pty_set_path(pty, "/dev/pts/7");
    gvir_config_domain_chardev_set_source(GVIR_CONFIG_DOMAIN_CHARDEV(console),
                                          GVIR_CONFIG_DOMAIN_CHARDEV_SOURCE(pty));
    g_object_unref(pty);
    add(dom, console);

    GVirConfigDomainRedirdev *redir = gvir_config_domain_redirdev_new();
    gvir_config_domain_redirdev_set_bus(redir, GVIR_CONFIG_DOMAIN_REDIRDEV_BUS_USB);
    vmc = gvir_config_domain_chardev_source_spicevmc_new();
    gvir_config_domain_chardev_set_source(GVIR_CONFIG_DOMAIN_CHARDEV(redir),
                                          GVIR_CONFIG_DOMAIN_CHARDEV_SOURCE(vmc));
    g_object_unref(vmc);
    add(dom, redir);

    GVirConfigDomainSmartcardPassthrough *sc = gvir_config_domain_smartcard_passthrough_new();
    vmc = gvir_config_domain_chardev_source_spicevmc_new();
    gvir_config_domain_smartcard_passthrough_set_source(sc, GVIR_CONFIG_DOMAIN_CHARDEV_SOURCE(vmc));
    g_object_unref(vmc);
    add(dom, sc);
    dump("devices", dom);

    /* Read back through get_devices, as Boxes does. */
    GList *devs = gvir_config_domain_get_devices(dom);
    for (GList *l = devs; l; l = l->next)
        printf("device %s\n", G_OBJECT_TYPE_NAME(l->data));
    g_list_free_full(devs, g_object_unref);
    g_object_unref(dom);
    return 0;
}
