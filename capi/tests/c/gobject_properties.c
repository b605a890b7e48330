/* Differential test: the construct-only properties of LibvirtGObject that hold libvirt
 * or LibvirtGConfig objects — GVirDomainDevice:config and GVirNetworkDHCPLease:handle.
 * Built against the C library and against ours; the outputs must be equal. */
#include <libvirt-gobject/libvirt-gobject.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void show_pspec(GType type, const char *name)
{
    GObjectClass *klass = g_type_class_ref(type);
    GParamSpec *p = g_object_class_find_property(klass, name);
    printf("%s:%s type %s readable %d writable %d construct-only %d\n",
           g_type_name(type), name, g_type_name(p->value_type),
           !!(p->flags & G_PARAM_READABLE), !!(p->flags & G_PARAM_WRITABLE),
           !!(p->flags & G_PARAM_CONSTRUCT_ONLY));
    g_type_class_unref(klass);
}

int main(int argc, char **argv)
{
    GError *err = NULL;
    gvir_init_object(&argc, &argv);

    show_pspec(GVIR_TYPE_DOMAIN_DEVICE, "config");
    show_pspec(GVIR_TYPE_DOMAIN_DISK, "config");
    show_pspec(GVIR_TYPE_NETWORK_DHCP_LEASE, "handle");

    /* A lease adopts its libvirt handle: the getters read it, finalize frees it. */
    virNetworkDHCPLeasePtr raw = calloc(1, sizeof(*raw));
    raw->iface = strdup("virbr7");
    raw->expirytime = 1700000000;
    raw->type = VIR_IP_ADDR_TYPE_IPV6;
    raw->mac = strdup("52:54:00:aa:bb:cc");
    raw->iaid = strdup("1234");
    raw->ipaddr = strdup("fd00::42");
    raw->prefix = 64;
    raw->hostname = strdup("guest");
    raw->clientid = strdup("00:04:de:ad");
    GVirNetworkDHCPLease *lease = g_object_new(GVIR_TYPE_NETWORK_DHCP_LEASE, "handle", raw, NULL);
    gpointer back = NULL;
    g_object_get(lease, "handle", &back, NULL);
    printf("handle kept %d\n", back == raw);
    printf("lease iface %s mac %s ip %s prefix %u hostname %s expiry %lld type %d iaid %s client-id %s\n",
           gvir_network_dhcp_lease_get_iface(lease), gvir_network_dhcp_lease_get_mac(lease),
           gvir_network_dhcp_lease_get_ip(lease), gvir_network_dhcp_lease_get_prefix(lease),
           gvir_network_dhcp_lease_get_hostname(lease),
           (long long)gvir_network_dhcp_lease_get_expiry_time(lease),
           gvir_network_dhcp_lease_get_ip_type(lease), gvir_network_dhcp_lease_get_iaid(lease),
           gvir_network_dhcp_lease_get_client_id(lease));
    g_object_unref(lease);

    /* Leases without hostname, IAID or client ID (IPv4). */
    raw = calloc(1, sizeof(*raw));
    raw->iface = strdup("virbr0");
    raw->mac = strdup("52:54:00:00:00:01");
    raw->ipaddr = strdup("192.168.122.9");
    raw->prefix = 24;
    lease = g_object_new(GVIR_TYPE_NETWORK_DHCP_LEASE, "handle", raw, NULL);
    printf("lease ip %s hostname %s iaid %s client-id %s type %d\n",
           gvir_network_dhcp_lease_get_ip(lease),
           gvir_network_dhcp_lease_get_hostname(lease) ? "set" : "(null)",
           gvir_network_dhcp_lease_get_iaid(lease) ? "set" : "(null)",
           gvir_network_dhcp_lease_get_client_id(lease) ? "set" : "(null)",
           gvir_network_dhcp_lease_get_ip_type(lease));
    g_object_unref(lease);

    /* Each device of a domain carries the element of the domain's XML it came from. */
    GVirConnection *conn = gvir_connection_new("test:///default");
    if (!gvir_connection_open(conn, NULL, &err) || !gvir_connection_fetch_domains(conn, NULL, &err)) {
        printf("failed: %s\n", err->message);
        return 1;
    }
    GVirDomain *dom = gvir_connection_find_domain_by_name(conn, "test");
    GList *devs = gvir_domain_get_devices(dom, &err);
    printf("devices %u\n", g_list_length(devs));
    for (GList *l = devs; l; l = l->next) {
        GVirConfigDomainDevice *config = NULL;
        g_object_get(l->data, "config", &config, NULL);
        GVirConfigDomainDevice *same = gvir_domain_device_get_config(l->data);
        gchar *xml = config ? gvir_config_object_to_xml(GVIR_CONFIG_OBJECT(config)) : NULL;
        gchar *same_xml = same ? gvir_config_object_to_xml(GVIR_CONFIG_OBJECT(same)) : NULL;
        printf("device %s config %s same-xml %d\n%s\n", G_OBJECT_TYPE_NAME(l->data),
               config ? G_OBJECT_TYPE_NAME(config) : "(null)", g_strcmp0(xml, same_xml) == 0, xml);
        g_free(xml);
        g_free(same_xml);
        if (GVIR_CONFIG_IS_DOMAIN_DISK(config))
            printf(" target %s", gvir_config_domain_disk_get_target_dev(GVIR_CONFIG_DOMAIN_DISK(config)));
        if (GVIR_CONFIG_IS_DOMAIN_INTERFACE(config))
            printf(" mac %s", gvir_config_domain_interface_get_mac(GVIR_CONFIG_DOMAIN_INTERFACE(config)));
        printf("\n");
        g_clear_object(&config);
        g_clear_object(&same);
    }
    g_list_free_full(devs, g_object_unref);
    g_object_unref(dom);
    g_object_unref(conn);
    return 0;
}
