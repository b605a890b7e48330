/* Builds documents from scratch through LibvirtGConfig and prints what
 * gvir_config_object_to_xml returns after each step, plus getters: the same
 * program runs on the C library and on ours (capi/tests/gconfig_diff.rs). */
#include <libvirt-gconfig/libvirt-gconfig.h>
#include <stdio.h>

static void dump(const char *what, gpointer obj)
{
    gchar *xml = gvir_config_object_to_xml(GVIR_CONFIG_OBJECT(obj));
    printf("== %s\n%s\n", what, xml);
    g_free(xml);
}

static void domain(void)
{
    GVirConfigDomain *d = gvir_config_domain_new();
    dump("empty domain", d);
    gvir_config_domain_set_virt_type(d, GVIR_CONFIG_DOMAIN_VIRT_KVM);
    gvir_config_domain_set_name(d, "demo <&> \"quoted\" 'x' é");
    gvir_config_domain_set_memory(d, 1048576);
    gvir_config_domain_set_current_memory(d, 524288);
    gvir_config_domain_set_vcpus(d, 2);
    gvir_config_domain_set_title(d, "a\ttitle\nwith lines\r");
    gvir_config_domain_set_description(d, "");
    gvir_config_domain_set_uuid(d, "c7a5fdbd-edaf-9455-926a-d65c16db1809");
    gvir_config_domain_set_name(d, "demo");
    dump("domain scalars", d);
    printf("name=%s memory=%llu vcpus=%llu type=%d title=%s\n",
           gvir_config_domain_get_name(d),
           (unsigned long long)gvir_config_domain_get_memory(d),
           (unsigned long long)gvir_config_domain_get_vcpus(d),
           gvir_config_domain_get_virt_type(d),
           gvir_config_domain_get_title(d));

    GVirConfigDomainOs *os = gvir_config_domain_os_new();
    gvir_config_domain_os_set_os_type(os, GVIR_CONFIG_DOMAIN_OS_TYPE_HVM);
    gvir_config_domain_os_set_machine(os, "pc-q35-7.2");
    gvir_config_domain_os_set_arch(os, "x86_64");
    gvir_config_domain_os_set_kernel(os, "/boot/vmlinuz");
    gvir_config_domain_os_set_cmdline(os, "console=ttyS0 root=/dev/vda");
    gvir_config_domain_set_os(d, os);
    printf("arch=%s machine=%s\n", gvir_config_domain_os_get_arch(os),
           gvir_config_domain_os_get_machine(os));
    g_object_unref(os);
    gvir_config_domain_set_lifecycle(d, GVIR_CONFIG_DOMAIN_LIFECYCLE_ON_POWEROFF,
                                     GVIR_CONFIG_DOMAIN_LIFECYCLE_DESTROY);
    gvir_config_domain_set_lifecycle(d, GVIR_CONFIG_DOMAIN_LIFECYCLE_ON_CRASH,
                                     GVIR_CONFIG_DOMAIN_LIFECYCLE_RESTART);

    GVirConfigDomainClock *clock = gvir_config_domain_clock_new();
    gvir_config_domain_clock_set_offset(clock, GVIR_CONFIG_DOMAIN_CLOCK_UTC);
    gvir_config_domain_set_clock(d, clock);
    g_object_unref(clock);

    GVirConfigDomainDisk *disk = gvir_config_domain_disk_new();
    gvir_config_domain_disk_set_type(disk, GVIR_CONFIG_DOMAIN_DISK_FILE);
    gvir_config_domain_disk_set_guest_device_type(disk, GVIR_CONFIG_DOMAIN_DISK_GUEST_DEVICE_DISK);
    gvir_config_domain_disk_set_source(disk, "/var/lib/libvirt/images/demo.qcow2");
    gvir_config_domain_disk_set_driver_name(disk, "qemu");
    gvir_config_domain_disk_set_driver_format(disk, GVIR_CONFIG_DOMAIN_DISK_FORMAT_QCOW2);
    gvir_config_domain_disk_set_driver_cache(disk, GVIR_CONFIG_DOMAIN_DISK_CACHE_NONE);
    gvir_config_domain_disk_set_target_bus(disk, GVIR_CONFIG_DOMAIN_DISK_BUS_VIRTIO);
    gvir_config_domain_disk_set_target_dev(disk, "vda");
    gvir_config_domain_disk_set_readonly(disk, FALSE);
    gvir_config_domain_add_device(d, GVIR_CONFIG_DOMAIN_DEVICE(disk));
    dump("disk after attaching", disk);
    /* Edits through an attached object change the domain. */
    gvir_config_domain_disk_set_target_dev(disk, "vdb");
    printf("disk source=%s dev=%s type=%d format=%d\n",
           gvir_config_domain_disk_get_source(disk),
           gvir_config_domain_disk_get_target_dev(disk),
           gvir_config_domain_disk_get_guest_device_type(disk),
           gvir_config_domain_disk_get_driver_format(disk));
    g_object_unref(disk);

    GVirConfigDomainDisk *cd = gvir_config_domain_disk_new();
    gvir_config_domain_disk_set_type(cd, GVIR_CONFIG_DOMAIN_DISK_FILE);
    gvir_config_domain_disk_set_guest_device_type(cd, GVIR_CONFIG_DOMAIN_DISK_GUEST_DEVICE_CDROM);
    gvir_config_domain_disk_set_target_bus(cd, GVIR_CONFIG_DOMAIN_DISK_BUS_SATA);
    gvir_config_domain_disk_set_target_dev(cd, "sda");
    gvir_config_domain_disk_set_readonly(cd, TRUE);
    gvir_config_domain_add_device(d, GVIR_CONFIG_DOMAIN_DEVICE(cd));
    g_object_unref(cd);

    GVirConfigDomainInterfaceNetwork *net = gvir_config_domain_interface_network_new();
    gvir_config_domain_interface_network_set_source(net, "default");
    gvir_config_domain_interface_set_mac(GVIR_CONFIG_DOMAIN_INTERFACE(net), "52:54:00:12:34:56");
    gvir_config_domain_interface_set_model(GVIR_CONFIG_DOMAIN_INTERFACE(net), "virtio");
    gvir_config_domain_interface_set_link_state(GVIR_CONFIG_DOMAIN_INTERFACE(net),
                                                GVIR_CONFIG_DOMAIN_INTERFACE_LINK_STATE_UP);
    gvir_config_domain_add_device(d, GVIR_CONFIG_DOMAIN_DEVICE(net));
    g_object_unref(net);

    GVirConfigDomainInterfaceBridge *br = gvir_config_domain_interface_bridge_new();
    gvir_config_domain_interface_bridge_set_source(br, "br0");
    gvir_config_domain_add_device(d, GVIR_CONFIG_DOMAIN_DEVICE(br));
    g_object_unref(br);

    GVirConfigDomainGraphicsVnc *vnc = gvir_config_domain_graphics_vnc_new();
    gvir_config_domain_graphics_vnc_set_autoport(vnc, TRUE);
    gvir_config_domain_graphics_vnc_set_port(vnc, 5901);
    gvir_config_domain_graphics_vnc_set_password(vnc, "pa&ss");
    gvir_config_domain_add_device(d, GVIR_CONFIG_DOMAIN_DEVICE(vnc));
    g_object_unref(vnc);

    GVirConfigDomainGraphicsSpice *spice = gvir_config_domain_graphics_spice_new();
    gvir_config_domain_graphics_spice_set_autoport(spice, FALSE);
    gvir_config_domain_graphics_spice_set_port(spice, 5930);
    gvir_config_domain_graphics_spice_set_tls_port(spice, 5931);
    gvir_config_domain_graphics_spice_set_image_compression(spice,
        GVIR_CONFIG_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_AUTO_GLZ);
    gvir_config_domain_add_device(d, GVIR_CONFIG_DOMAIN_DEVICE(spice));
    g_object_unref(spice);

    GVirConfigDomainVideo *video = gvir_config_domain_video_new();
    gvir_config_domain_video_set_model(video, GVIR_CONFIG_DOMAIN_VIDEO_MODEL_VGA);
    gvir_config_domain_video_set_vram(video, 16384);
    gvir_config_domain_video_set_heads(video, 1);
    gvir_config_domain_add_device(d, GVIR_CONFIG_DOMAIN_DEVICE(video));
    g_object_unref(video);

    GVirConfigDomainConsole *console = gvir_config_domain_console_new();
    gvir_config_domain_console_set_target_type(console, GVIR_CONFIG_DOMAIN_CONSOLE_TARGET_SERIAL);
    gvir_config_domain_add_device(d, GVIR_CONFIG_DOMAIN_DEVICE(console));
    g_object_unref(console);

    GVirConfigDomainInput *input = gvir_config_domain_input_new();
    gvir_config_domain_input_set_device_type(input, GVIR_CONFIG_DOMAIN_INPUT_DEVICE_TABLET);
    gvir_config_domain_input_set_bus(input, GVIR_CONFIG_DOMAIN_INPUT_BUS_USB);
    gvir_config_domain_add_device(d, GVIR_CONFIG_DOMAIN_DEVICE(input));
    g_object_unref(input);

    GVirConfigDomainSound *sound = gvir_config_domain_sound_new();
    gvir_config_domain_sound_set_model(sound, GVIR_CONFIG_DOMAIN_SOUND_MODEL_ICH6);
    gvir_config_domain_add_device(d, GVIR_CONFIG_DOMAIN_DEVICE(sound));
    g_object_unref(sound);

    GVirConfigDomainMemballoon *balloon = gvir_config_domain_memballoon_new();
    gvir_config_domain_memballoon_set_model(balloon, GVIR_CONFIG_DOMAIN_MEMBALLOON_MODEL_VIRTIO);
    gvir_config_domain_add_device(d, GVIR_CONFIG_DOMAIN_DEVICE(balloon));
    g_object_unref(balloon);

    /* Replacing the os puts the new one last. */
    GVirConfigDomainOs *os2 = gvir_config_domain_os_new();
    gvir_config_domain_os_set_os_type(os2, GVIR_CONFIG_DOMAIN_OS_TYPE_HVM);
    gvir_config_domain_os_enable_boot_menu(os2, TRUE);
    gvir_config_domain_os_set_smbios_mode(os2, GVIR_CONFIG_DOMAIN_OS_SMBIOS_MODE_HOST);
    gvir_config_domain_set_os(d, os2);
    g_object_unref(os2);
    gvir_config_domain_set_memory(d, 2097152);
    gvir_config_domain_set_title(d, NULL);
    dump("whole domain", d);

    GList *devices = gvir_config_domain_get_devices(d);
    for (GList *it = devices; it; it = it->next)
        printf("device %s\n", G_OBJECT_TYPE_NAME(it->data));
    g_list_free_full(devices, g_object_unref);

    GVirConfigDomainOs *got = gvir_config_domain_get_os(d);
    printf("os type=%d firmware=%d\n", gvir_config_domain_os_get_os_type(got),
           gvir_config_domain_os_get_firmware(got));
    g_object_unref(got);
    g_object_unref(d);
}

static void storage(void)
{
    GVirConfigStoragePool *pool = gvir_config_storage_pool_new();
    gvir_config_storage_pool_set_pool_type(pool, GVIR_CONFIG_STORAGE_POOL_TYPE_DIR);
    gvir_config_storage_pool_set_name(pool, "demo-pool");
    gvir_config_storage_pool_set_uuid(pool, "35bb2ad9-388a-cdfe-461a-b8907f6e53fe");
    gvir_config_storage_pool_set_capacity(pool, 107374182400ULL);
    gvir_config_storage_pool_set_allocation(pool, 0);
    GVirConfigStoragePoolTarget *target = gvir_config_storage_pool_target_new();
    gvir_config_storage_pool_target_set_path(target, "/var/lib/libvirt/images");
    GVirConfigStoragePermissions *perms = gvir_config_storage_permissions_new();
    gvir_config_storage_permissions_set_mode(perms, 0755);
    gvir_config_storage_permissions_set_owner(perms, 107);
    gvir_config_storage_permissions_set_group(perms, 107);
    gvir_config_storage_permissions_set_label(perms, "virt_image_t");
    gvir_config_storage_pool_target_set_permissions(target, perms);
    gvir_config_storage_pool_set_target(pool, target);
    GVirConfigStoragePoolSource *source = gvir_config_storage_pool_source_new();
    gvir_config_storage_pool_source_set_host(source, "nfs.example.com");
    gvir_config_storage_pool_source_set_directory(source, "/export");
    gvir_config_storage_pool_source_set_format(source, "nfs");
    gvir_config_storage_pool_set_source(pool, source);
    dump("pool", pool);
    printf("pool name=%s capacity=%llu type=%d\n", gvir_config_storage_pool_get_name(pool),
           (unsigned long long)gvir_config_storage_pool_get_capacity(pool),
           gvir_config_storage_pool_get_pool_type(pool));
    g_object_unref(perms);
    g_object_unref(target);
    g_object_unref(source);
    g_object_unref(pool);

    GVirConfigStorageVol *vol = gvir_config_storage_vol_new();
    gvir_config_storage_vol_set_name(vol, "demo.qcow2");
    gvir_config_storage_vol_set_capacity(vol, 10737418240ULL);
    gvir_config_storage_vol_set_allocation(vol, 196608);
    GVirConfigStorageVolTarget *vt = gvir_config_storage_vol_target_new();
    gvir_config_storage_vol_target_set_format(vt, "qcow2");
    gvir_config_storage_vol_set_target(vol, vt);
    GVirConfigStorageVolBackingStore *bs = gvir_config_storage_vol_backing_store_new();
    gvir_config_storage_vol_backing_store_set_path(bs, "/var/lib/libvirt/images/base.qcow2");
    gvir_config_storage_vol_backing_store_set_format(bs, "qcow2");
    gvir_config_storage_vol_set_backing_store(vol, bs);
    dump("volume", vol);
    g_object_unref(vt);
    g_object_unref(bs);
    g_object_unref(vol);
}

static void snapshot(void)
{
    GVirConfigDomainSnapshot *s = gvir_config_domain_snapshot_new();
    gvir_config_domain_snapshot_set_name(s, "snap1");
    gvir_config_domain_snapshot_set_description(s, "before upgrade");
    gvir_config_domain_snapshot_set_memory_state(s, GVIR_CONFIG_DOMAIN_SNAPSHOT_MEMORY_STATE_INTERNAL);
    GVirConfigDomainSnapshotDisk *disk = gvir_config_domain_snapshot_disk_new();
    gvir_config_domain_snapshot_disk_set_name(disk, "vda");
    gvir_config_domain_snapshot_disk_set_snapshot_type(disk, GVIR_CONFIG_DOMAIN_DISK_SNAPSHOT_EXTERNAL);
    gvir_config_domain_snapshot_disk_set_source_file(disk, "/tmp/vda.snap");
    gvir_config_domain_snapshot_disk_set_driver_format(disk, GVIR_CONFIG_DOMAIN_DISK_FORMAT_QCOW2);
    gvir_config_domain_snapshot_add_disk(s, disk);
    g_object_unref(disk);
    dump("snapshot", s);
    printf("snapshot name=%s memory=%d\n", gvir_config_domain_snapshot_get_name(s),
           gvir_config_domain_snapshot_get_memory_state(s));
    g_object_unref(s);
}

static const char SNAPSHOT_XML[] =
    "<domainsnapshot><name>s2</name><state>running</state>"
    "<creationTime>1700000000</creationTime><parent><name>s1</name></parent>"
    "<disks><disk name='vda' snapshot='external'><source file='/a'/></disk>"
    "<disk name='vdb' snapshot='no'/></disks>"
    "<domain type='kvm'><name>guest</name><devices>"
    "<disk type='file' device='disk'><target dev='vda'/><alias name='virtio-disk0'/></disk>"
    "</devices></domain></domainsnapshot>";

/* Functions of classes without a _new() to probe, and gvir_config_object_new. */
static void readers(void)
{
    GError *err = NULL;
    GVirConfigDomainSnapshot *s = gvir_config_domain_snapshot_new_from_xml(SNAPSHOT_XML, &err);
    printf("parent=%s state=%d created=%ld\n", gvir_config_domain_snapshot_get_parent(s),
           gvir_config_domain_snapshot_get_state(s),
           (long)gvir_config_domain_snapshot_get_creation_time(s));
    GList *disks = gvir_config_domain_snapshot_get_disks(s);
    for (GList *l = disks; l; l = l->next)
        dump("snapshot disk", l->data);
    g_list_free_full(disks, g_object_unref);
    GVirConfigDomain *dom = gvir_config_domain_snapshot_get_domain(s);
    printf("snapshot domain %s\n", gvir_config_domain_get_name(dom));
    GList *devs = gvir_config_domain_get_devices(dom);
    for (GList *l = devs; l; l = l->next)
        printf("alias=%s disk_type=%d\n",
               gvir_config_domain_device_get_alias(l->data),
               gvir_config_domain_disk_get_disk_type(l->data));
    g_list_free_full(devs, g_object_unref);
    g_object_unref(dom);
    g_object_unref(s);

    GVirConfigDomainSnapshot *bare = gvir_config_domain_snapshot_new();
    printf("bare parent=%s state=%d created=%ld\n",
           gvir_config_domain_snapshot_get_parent(bare) ? "set" : "(null)",
           gvir_config_domain_snapshot_get_state(bare),
           (long)gvir_config_domain_snapshot_get_creation_time(bare));
    printf("bare domain=%p disks=%p\n", (void *)gvir_config_domain_snapshot_get_domain(bare),
           (void *)gvir_config_domain_snapshot_get_disks(bare));
    g_object_unref(bare);

    GVirConfigDomainDisk *disk = gvir_config_domain_disk_new();
    printf("disk_type=%d alias=%s\n", gvir_config_domain_disk_get_disk_type(disk),
           gvir_config_domain_device_get_alias(GVIR_CONFIG_DOMAIN_DEVICE(disk)) ? "set" : "(null)");
    gvir_config_domain_disk_set_type(disk, GVIR_CONFIG_DOMAIN_DISK_NETWORK);
    printf("disk_type=%d\n", gvir_config_domain_disk_get_disk_type(disk));
    g_object_unref(disk);

    GVirConfigDomainFilesys *fs = gvir_config_domain_filesys_new();
    gvir_config_domain_filesys_set_driver_type(fs, GVIR_CONFIG_DOMAIN_FILESYS_DRIVER_DEFAULT);
    dump("filesys default driver", fs);
    gvir_config_domain_filesys_set_source(fs, "/srv");
    gvir_config_domain_filesys_set_driver_type(fs, GVIR_CONFIG_DOMAIN_FILESYS_DRIVER_LOOP);
    gvir_config_domain_filesys_set_driver_format(fs, GVIR_CONFIG_DOMAIN_DISK_FORMAT_QCOW2);
    dump("filesys loop driver", fs);
    gvir_config_domain_filesys_set_driver_type(fs, GVIR_CONFIG_DOMAIN_FILESYS_DRIVER_PATH);
    dump("filesys path driver", fs);
    gvir_config_domain_filesys_set_driver_type(fs, GVIR_CONFIG_DOMAIN_FILESYS_DRIVER_DEFAULT);
    dump("filesys default again", fs);
    g_object_unref(fs);

    GVirConfigStorageVolTarget *t = gvir_config_storage_vol_target_new();
    gvir_config_storage_vol_target_set_features(t, 0);
    dump("target no features", t);
    gvir_config_storage_vol_target_set_format(t, "qcow2");
    gvir_config_storage_vol_target_set_features(t, GVIR_CONFIG_STORAGE_VOL_TARGET_FEATURE_LAZY_REFCOUNT);
    gvir_config_storage_vol_target_set_format(t, "raw");
    gvir_config_storage_vol_target_set_features(t, GVIR_CONFIG_STORAGE_VOL_TARGET_FEATURE_LAZY_REFCOUNT);
    dump("target lazy_refcount", t);
    g_object_unref(t);

    GVirConfigObject *o = gvir_config_object_new(GVIR_CONFIG_TYPE_DOMAIN, "domain", "/tmp/domain.rng");
    printf("object_new: %s schema=%s\n", G_OBJECT_TYPE_NAME(o), gvir_config_object_get_schema(o));
    gvir_config_domain_set_name(GVIR_CONFIG_DOMAIN(o), "generic");
    dump("object_new", o);
    g_object_unref(o);
    o = gvir_config_object_new_from_xml(GVIR_CONFIG_TYPE_NETWORK, "network", NULL,
                                        "<network><name>n</name></network>", &err);
    printf("object_new_from_xml: %s\n", G_OBJECT_TYPE_NAME(o));
    dump("object_new_from_xml", o);
    g_object_unref(o);
    o = gvir_config_object_new_from_xml(GVIR_CONFIG_TYPE_NETWORK, "network", NULL, "<pool/>", &err);
    printf("wrong root: %p error=%s\n", (void *)o, err ? "set" : "none");
    g_clear_error(&err);
}

/* The functions taking or returning lists and string arrays. */
static void lists(void)
{
    GVirConfigDomain *dom = gvir_config_domain_new();
    char *f[] = {"acpi", "apic", NULL};
    gvir_config_domain_set_features(dom, f);
    gvir_config_domain_set_name(dom, "lists");
    char *f2[] = {"pae", "hap", NULL};
    gvir_config_domain_set_features(dom, f2);
    dump("features replaced in place", dom);
    GStrv got = gvir_config_domain_get_features(dom);
    for (int i = 0; got && got[i]; i++)
        printf("feature %s\n", got[i]);
    g_strfreev(got);
    GVirConfigDomain *parsed = gvir_config_domain_new_from_xml(
        "<domain><features><acpi/><hyperv mode='custom'><relaxed state='on'/></hyperv>"
        "<!-- c --><pae/></features></domain>", NULL);
    got = gvir_config_domain_get_features(parsed);
    for (int i = 0; got && got[i]; i++)
        printf("parsed feature %s\n", got[i]);
    g_strfreev(got);
    char *none[] = {NULL};
    gvir_config_domain_set_features(parsed, none);
    dump("no features", parsed);
    g_object_unref(parsed);

    GVirConfigDomainDisk *disk = gvir_config_domain_disk_new();
    gvir_config_domain_disk_set_type(disk, GVIR_CONFIG_DOMAIN_DISK_FILE);
    gvir_config_domain_disk_set_source(disk, "/a.img");
    GVirConfigDomainGraphicsVnc *vnc = gvir_config_domain_graphics_vnc_new();
    GList *devs = g_list_append(NULL, disk);
    devs = g_list_append(devs, vnc);
    gvir_config_domain_set_devices(dom, devs);
    dump("devices", dom);
    gvir_config_domain_disk_set_source(disk, "/b.img");
    gvir_config_domain_set_devices(dom, devs);
    dump("devices again, disk edited through its object", dom);
    g_list_free(devs);
    gvir_config_domain_set_devices(dom, NULL);
    dump("devices removed", dom);
    g_object_unref(disk);
    g_object_unref(vnc);

    GVirConfigDomainOs *os = gvir_config_domain_os_new();
    gvir_config_domain_os_set_kernel(os, "/k");
    GList *boot = g_list_append(NULL, GINT_TO_POINTER(GVIR_CONFIG_DOMAIN_OS_BOOT_DEVICE_HD));
    boot = g_list_append(boot, GINT_TO_POINTER(GVIR_CONFIG_DOMAIN_OS_BOOT_DEVICE_NETWORK));
    gvir_config_domain_os_set_boot_devices(os, boot);
    gvir_config_domain_os_set_cmdline(os, "quiet");
    gvir_config_domain_os_set_boot_devices(os, boot);
    dump("boot devices", os);
    GList *bb = gvir_config_domain_os_get_boot_devices(os);
    for (GList *l = bb; l; l = l->next)
        printf("boot %d\n", GPOINTER_TO_INT(l->data));
    g_list_free(bb);
    gvir_config_domain_os_set_boot_devices(os, NULL);
    dump("boot devices removed", os);
    g_list_free(boot);
    g_object_unref(os);

    GVirConfigDomainSnapshot *s = gvir_config_domain_snapshot_new();
    gvir_config_domain_snapshot_set_name(s, "x");
    GVirConfigDomainSnapshotDisk *a = gvir_config_domain_snapshot_disk_new();
    gvir_config_domain_snapshot_disk_set_name(a, "vda");
    GVirConfigDomainSnapshotDisk *b = gvir_config_domain_snapshot_disk_new();
    gvir_config_domain_snapshot_disk_set_name(b, "vdb");
    GList *disks = g_list_append(NULL, a);
    disks = g_list_append(disks, b);
    gvir_config_domain_snapshot_set_disks(s, disks);
    gvir_config_domain_snapshot_set_description(s, "d");
    gvir_config_domain_snapshot_set_disks(s, disks);
    dump("snapshot disks", s);
    gvir_config_domain_snapshot_set_disks(s, NULL);
    dump("snapshot disks removed", s);
    g_list_free(disks);
    g_object_unref(a);
    g_object_unref(b);
    g_object_unref(s);

    GVirConfigDomain *meta = gvir_config_domain_new_from_xml(
        "<domain><name>m</name><metadata>\n"
        "  <a:x xmlns:a='urn:a'><a:y v='1'>t</a:y></a:x>\n"
        "  <boxes:gnome-boxes xmlns:boxes=\"https://wiki.gnome.org/Apps/Boxes\">\n"
        "    <os-state>installed</os-state>\n  </boxes:gnome-boxes>\n"
        "  <c:z xmlns:c='urn:c'/>\n</metadata></domain>", NULL);
    const char *uris[] = {"urn:a", "https://wiki.gnome.org/Apps/Boxes", "urn:c", "urn:none"};
    for (int i = 0; i < 4; i++) {
        gchar *x = gvir_config_domain_get_custom_xml(meta, uris[i]);
        printf("custom %s: [%s]\n", uris[i], x ? x : "(null)");
        g_free(x);
    }
    g_object_unref(meta);

    GVirConfigDomainInterfaceFilterref *fr = gvir_config_domain_interface_filterref_new();
    gvir_config_domain_interface_filterref_set_name(fr, "clean-traffic");
    GVirConfigDomainInterfaceFilterrefParameter *fp =
        gvir_config_domain_interface_filterref_parameter_new();
    gvir_config_domain_interface_filterref_parameter_set_name(fp, "IP");
    gvir_config_domain_interface_filterref_parameter_set_value(fp, "10.0.0.1");
    gvir_config_domain_interface_filterref_add_parameter(fr, fp);
    g_object_unref(fp);
    GList *params = gvir_config_domain_interface_filterref_get_parameters(fr);
    for (GList *l = params; l; l = l->next)
        printf("filterref parameter %s=%s\n",
               gvir_config_domain_interface_filterref_parameter_get_name(l->data),
               gvir_config_domain_interface_filterref_parameter_get_value(l->data));
    g_list_free_full(params, g_object_unref);
    g_object_unref(fr);

    GVirConfigDomainAddressPci *pci = gvir_config_domain_address_pci_new();
    gvir_config_domain_address_pci_set_function(pci, 5);
    printf("pci function=%d\n", gvir_config_domain_address_pci_get_function(pci));
    g_object_unref(pci);
    g_object_unref(dom);
}

int main(void)
{
    lists();
    domain();
    storage();
    snapshot();
    readers();
    return 0;
}
