// Built by capi/tests/vala.rs with `valac --pkg libvirt-gobject-1.0` against our VAPIs,
// headers and .pc files, and run against our libraries on libvirt's test driver.

async void run (MainLoop loop) {
    try {
        var conn = new GVir.Connection ("test:///default");
        conn.domain_added.connect ((c, d) => { stdout.printf ("domain-added %s\n", d.get_name ()); });
        yield conn.open_async (null);
        yield conn.fetch_domains_async (null);
        foreach (var d in conn.get_domains ()) {
            stdout.printf ("domain %s\n", d.get_name ());
        }
        var dom = conn.find_domain_by_name ("test");
        GVir.DomainInfo info = yield dom.get_info_async (null);
        stdout.printf ("state %s memory %llu\n", info.state.to_string (), info.memory);
        var cfg = dom.get_config (0);
        stdout.printf ("config name %s\n", cfg.get_name ());
        var xml = new GVirConfig.Domain.from_xml ("<domain type='test'><name>vala-dom</name><memory unit='KiB'>65536</memory><os><type>hvm</type></os></domain>");
        // The 5.0.0 additions through the VAPI.
        var audio = new GVirConfig.DomainAudio ();
        audio.set_backend (GVirConfig.DomainAudioBackend.PULSEAUDIO);
        var dbus = new GVirConfig.DomainGraphicsDBus ();
        dbus.set_address ("unix:path=/tmp/vala.sock");
        var os = xml.get_os ();
        os.enable_firmware_feature ("secure-boot", true);
        stdout.printf ("5.0: %s %s %s\n", audio.to_xml (), dbus.get_address (),
                       os.to_xml ().contains ("<feature enabled=\"yes\" name=\"secure-boot\"/>").to_string ());
        var created = conn.create_domain (xml);
        yield created.start_async (0, null);
        stdout.printf ("started %s: %s\n", created.get_name (), created.get_info ().state.to_string ());
        created.stop (0);
        created.delete (0);
        try {
            yield new GVir.Connection ("test:///nonexistent.xml").open_async (null);
            stdout.printf ("error: opened a missing file\n");
        } catch (GLib.Error e) {
            stdout.printf ("open failed as expected: %s %d\n", e.domain.to_string (), e.code);
        }
    } catch (GLib.Error e) {
        stdout.printf ("error: %s\n", e.message);
    }
    loop.quit ();
}

int main (string[] args) {
    GVir.init_object (ref args);
    var loop = new MainLoop ();
    run.begin (loop);
    loop.run ();
    return 0;
}
