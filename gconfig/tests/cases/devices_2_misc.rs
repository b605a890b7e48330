//! Devices, part 2: input, video, sound, audio backends, RNG, TPM and the
//! memory balloon.

use libvirt_gconfig::value::{OnOff, Uuid, YesNo};
use libvirt_gconfig::{
    AddressType, AudioFormat, AudioType, ChardevProtocol, ChardevSourceMode, ChardevSourceType,
    InputBus, InputGrabToggle, InputType, MemballoonModel, RngBackendModel, SdlAudioDriver,
    SoundCodecType, SoundModel, TpmBackendType, TpmModel, TpmVersion, VideoDriverName,
    VideoModelType, VideoVgaconf, VirtioModel,
};

use super::{check_domain, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new(
        "input_devices_and_video_adapters",
        input_devices_and_video_adapters,
    ),
    Case::new(
        "sound_cards_and_audio_backends",
        sound_cards_and_audio_backends,
    ),
    Case::new("rng_tpm_and_memory_balloon", rng_tpm_and_memory_balloon),
    Case::new("bhyve_gop_video", bhyve_gop_video),
];

fn input_devices_and_video_adapters() {
    check_domain("dev2-video-input", |dom| {
        let devices = dom.devices().unwrap();
        let inputs = devices.inputs();
        assert_eq!(inputs.len(), 5);

        // Host evdev passed through to a virtio-input device.
        let pass = &inputs[0];
        assert_eq!(pass.input_type().unwrap(), Some(InputType::Passthrough));
        assert_eq!(pass.bus().unwrap(), Some(InputBus::Virtio));
        assert_eq!(pass.model().unwrap(), None);
        assert_eq!(
            pass.source_evdev().unwrap().as_deref(),
            Some("/dev/input/event1234")
        );
        pass.set_model(Some(VirtioModel::VirtioNonTransitional));
        pass.set_source_evdev(Some("/dev/input/event5".into()));
        assert!(pass.driver().is_some());
        let driver = pass.driver_or_create();
        assert_eq!(driver.iommu().unwrap(), Some(OnOff(true)));
        assert_eq!(driver.ats().unwrap(), Some(OnOff(true)));
        assert_eq!(driver.packed().unwrap(), Some(OnOff(true)));
        assert_eq!(driver.page_per_vq().unwrap(), None);
        driver.set_ats(Some(OnOff(false)));
        driver.set_packed(None);
        driver.set_page_per_vq(Some(OnOff(true)));
        assert_eq!(
            pass.alias().unwrap().name().unwrap().as_deref(),
            Some("input0")
        );
        pass.alias_or_create().set_name(Some("ua-evdev".into()));
        assert!(pass.acpi().is_none());
        pass.acpi_or_create().set_index(Some(3));
        assert_eq!(pass.address().unwrap().slot().unwrap(), Some(0x0e));

        // An evdev device grabbed by QEMU.
        let evdev = &inputs[1];
        assert_eq!(evdev.input_type().unwrap(), Some(InputType::Evdev));
        assert_eq!(evdev.bus().unwrap(), None);
        assert_eq!(
            evdev.source_dev().unwrap().as_deref(),
            Some("/dev/input/event1234")
        );
        assert_eq!(evdev.source_grab().unwrap().as_deref(), Some("all"));
        assert_eq!(
            evdev.source_grab_toggle().unwrap(),
            Some(InputGrabToggle::AltAlt)
        );
        assert_eq!(evdev.source_repeat().unwrap(), Some(OnOff(true)));
        evdev.set_source_dev(Some("/dev/input/event7".into()));
        evdev.set_source_grab(None);
        evdev.set_source_grab_toggle(Some(InputGrabToggle::CtrlScrolllock));
        evdev.set_source_repeat(Some(OnOff(false)));

        // The USB tablet moves to the second port; the PS/2 mouse goes.
        let tablet = &inputs[2];
        let usb = tablet.address().unwrap();
        assert_eq!(usb.address_type().unwrap(), Some(AddressType::Usb));
        usb.set_port(Some("2".into()));
        assert!(devices.remove_input(&inputs[3]));

        // A new USB keyboard on the third port.
        let kbd = devices.add_input();
        kbd.set_input_type(Some(InputType::Keyboard));
        kbd.set_bus(Some(InputBus::Usb));
        let usb = kbd.address_or_create();
        usb.set_address_type(Some(AddressType::Usb));
        usb.set_bus(Some(0));
        usb.set_port(Some("3".into()));
        assert!(!kbd.remove_driver());
        assert_eq!(devices.inputs().len(), 5);

        // qxl: more memory, a 64-bit BAR, a new alias.
        let videos = devices.videos();
        let qxl = videos[0].model().unwrap();
        assert_eq!(qxl.model_type().unwrap(), Some(VideoModelType::Qxl));
        assert_eq!(qxl.ram().unwrap(), Some(65536));
        assert_eq!(qxl.vram().unwrap(), Some(65536));
        assert_eq!(qxl.vgamem().unwrap(), Some(16384));
        assert_eq!(qxl.vram64().unwrap(), None);
        assert_eq!(qxl.heads().unwrap(), Some(1));
        assert_eq!(qxl.primary().unwrap(), Some(YesNo(true)));
        qxl.set_ram(Some(131072));
        qxl.set_vgamem(Some(32768));
        qxl.set_vram64(Some(131072));
        qxl.set_heads(Some(2));
        videos[0]
            .alias_or_create()
            .set_name(Some("ua-video0".into()));

        // virtio-gpu through vhost-user: transport options, no 3D, new size.
        let gpu = &videos[1];
        assert_eq!(gpu.driver_name().unwrap(), Some(VideoDriverName::Vhostuser));
        assert_eq!(gpu.driver_iommu().unwrap(), None);
        assert_eq!(gpu.driver_ats().unwrap(), None);
        assert_eq!(gpu.driver_packed().unwrap(), None);
        assert_eq!(gpu.driver_page_per_vq().unwrap(), None);
        gpu.set_driver_name(Some(VideoDriverName::Qemu));
        gpu.set_driver_iommu(Some(OnOff(true)));
        gpu.set_driver_ats(Some(OnOff(true)));
        gpu.set_driver_packed(Some(OnOff(false)));
        gpu.set_driver_page_per_vq(Some(OnOff(true)));
        assert_eq!(gpu.acpi().unwrap().index().unwrap(), Some(1729));
        gpu.remove_acpi();
        assert!(gpu.alias().is_none());
        assert_eq!(gpu.address().unwrap().slot().unwrap(), Some(3));
        assert!(gpu.remove_address());
        let model = gpu.model().unwrap();
        assert_eq!(model.accel3d().unwrap(), Some(YesNo(true)));
        assert_eq!(
            model.rendernode().unwrap().as_deref(),
            Some("/dev/dri/test")
        );
        assert_eq!(model.resolution_x().unwrap(), Some(1920));
        assert_eq!(model.resolution_y().unwrap(), Some(1080));
        assert_eq!(model.blob().unwrap(), None);
        model.set_accel3d(Some(YesNo(false)));
        model.set_rendernode(None);
        model.set_resolution_x(Some(1280));
        model.set_resolution_y(Some(720));
        model.set_blob(Some(OnOff(true)));
        model.set_primary(Some(YesNo(false)));

        // A new ramfb adapter.
        let ramfb = devices.add_video();
        ramfb
            .model_or_create()
            .set_model_type(Some(VideoModelType::Ramfb));
        assert!(ramfb.remove_model());
        assert!(ramfb.model().is_none());
        ramfb
            .model_or_create()
            .set_model_type(Some(VideoModelType::Ramfb));
        let none = devices.add_video();
        assert!(devices.remove_video(&none));
    });
}

fn sound_cards_and_audio_backends() {
    check_domain("dev2-sound-audio", |dom| {
        let devices = dom.devices().unwrap();
        let sounds = devices.sounds();

        // ich6: a second codec, played through the OSS backend.
        let hda = &sounds[0];
        assert_eq!(hda.model().unwrap(), Some(SoundModel::Ich6));
        assert_eq!(hda.audio_id().unwrap(), Some(1));
        let codecs = hda.codecs();
        assert_eq!(
            codecs[0].codec_type().unwrap(),
            Some(SoundCodecType::Duplex)
        );
        codecs[0].set_codec_type(Some(SoundCodecType::Micro));
        hda.add_codec().set_codec_type(Some(SoundCodecType::Output));
        hda.set_model(Some(SoundModel::Ich9));
        hda.set_audio_id(Some(2));
        assert!(hda.alias().is_none() && hda.acpi().is_none());
        hda.alias_or_create().set_name(Some("sound0".into()));
        hda.acpi_or_create().set_index(Some(2));
        assert_eq!(hda.address().unwrap().slot().unwrap(), Some(2));

        // virtio-sound: four streams, different transport options.
        let vsnd = &sounds[1];
        assert_eq!(vsnd.streams().unwrap(), Some(2));
        vsnd.set_streams(Some(4));
        let driver = vsnd.driver().unwrap();
        assert_eq!(driver.iommu().unwrap(), Some(OnOff(true)));
        driver.set_iommu(Some(OnOff(false)));
        assert!(vsnd.remove_address());
        assert!(vsnd.codecs().is_empty());
        assert!(!vsnd.remove_codec(&codecs[0]));

        // USB audio loses multichannel; the ich9 card goes.
        let usb = &sounds[2];
        assert_eq!(usb.multichannel().unwrap(), Some(YesNo(true)));
        usb.set_multichannel(None);
        assert!(usb.driver().is_none());
        usb.driver_or_create().set_packed(Some(OnOff(true)));
        usb.remove_driver();
        let pcspk = devices.add_sound();
        pcspk.set_model(Some(SoundModel::Pcspk));
        assert!(devices.remove_sound(&pcspk));
        assert!(hda.remove_codec(&codecs[0]));

        let audios = devices.audios();
        // JACK: fixed settings for recording, exact client name for playback.
        let jack = &audios[0];
        assert_eq!(jack.id().unwrap(), Some(1));
        assert_eq!(jack.audio_type().unwrap(), Some(AudioType::Jack));
        assert_eq!(jack.timer_period().unwrap(), None);
        jack.set_timer_period(Some(50));
        let input = jack.input().unwrap();
        assert_eq!(input.mixing_engine().unwrap(), Some(YesNo(true)));
        assert_eq!(input.fixed_settings().unwrap(), Some(YesNo(true)));
        assert_eq!(input.voices().unwrap(), Some(1));
        assert_eq!(input.buffer_length().unwrap(), Some(100));
        assert_eq!(input.server_name().unwrap().as_deref(), Some("fish"));
        assert_eq!(input.client_name().unwrap().as_deref(), Some("food"));
        assert_eq!(input.connect_ports().unwrap().as_deref(), Some("yum"));
        assert_eq!(input.exact_name().unwrap(), None);
        assert_eq!(input.frequency().unwrap(), Some(44100));
        assert_eq!(input.channels().unwrap(), Some(2));
        assert_eq!(input.format().unwrap(), Some(AudioFormat::S16));
        input.set_mixing_engine(Some(YesNo(false)));
        input.set_voices(Some(2));
        input.set_buffer_length(Some(200));
        input.set_frequency(Some(48000));
        input.set_channels(Some(1));
        input.set_format(Some(AudioFormat::S32));
        input.set_server_name(Some("cat".into()));
        input.set_client_name(Some("lunch".into()));
        input.set_connect_ports(Some("system:capture_.*".into()));
        input.set_exact_name(Some(YesNo(false)));
        let output = jack.output().unwrap();
        assert_eq!(output.mixing_engine().unwrap(), Some(YesNo(true)));
        assert_eq!(output.fixed_settings().unwrap(), Some(YesNo(true)));
        assert_eq!(output.voices().unwrap(), Some(2));
        assert_eq!(output.buffer_length().unwrap(), Some(200));
        assert_eq!(output.server_name().unwrap().as_deref(), Some("fish"));
        assert_eq!(output.client_name().unwrap().as_deref(), Some("food"));
        assert_eq!(output.connect_ports().unwrap().as_deref(), Some("yum"));
        assert_eq!(output.exact_name().unwrap(), None);
        assert_eq!(output.frequency().unwrap(), Some(22050));
        assert_eq!(output.channels().unwrap(), Some(4));
        assert_eq!(output.format().unwrap(), Some(AudioFormat::F32));
        output.set_fixed_settings(Some(YesNo(false)));
        output.set_frequency(None);
        output.set_channels(None);
        output.set_format(None);
        output.set_server_name(Some("cat".into()));
        output.set_client_name(Some("dinner".into()));
        output.set_connect_ports(Some("system:playback_.*".into()));
        output.set_exact_name(Some(YesNo(true)));

        // OSS: per-direction devices, buffers and polling.
        let oss = &audios[1];
        assert_eq!(oss.try_mmap().unwrap(), Some(YesNo(true)));
        assert_eq!(oss.exclusive().unwrap(), Some(YesNo(true)));
        assert_eq!(oss.dsp_policy().unwrap(), Some(3));
        oss.set_try_mmap(Some(YesNo(false)));
        oss.set_exclusive(None);
        oss.set_dsp_policy(Some(5));
        let input = oss.input().unwrap();
        assert_eq!(input.dev().unwrap().as_deref(), Some("/dev/dsp0"));
        assert_eq!(input.buffer_count().unwrap(), Some(50));
        assert_eq!(input.try_poll().unwrap(), Some(YesNo(true)));
        input.set_dev(Some("/dev/dsp2".into()));
        input.set_buffer_count(Some(40));
        input.set_try_poll(Some(YesNo(false)));
        let output = oss.output().unwrap();
        assert_eq!(output.dev().unwrap().as_deref(), Some("/dev/dsp1"));
        assert_eq!(output.buffer_count().unwrap(), Some(30));
        assert_eq!(output.try_poll().unwrap(), Some(YesNo(false)));
        output.set_dev(Some("/dev/dsp3".into()));
        output.set_buffer_count(Some(42));
        output.set_try_poll(Some(YesNo(true)));

        // PulseAudio becomes PipeWire.
        let pulse = &audios[2];
        assert_eq!(
            pulse.server_name().unwrap().as_deref(),
            Some("acme.example.org")
        );
        pulse.set_audio_type(Some(AudioType::Pipewire));
        pulse.set_server_name(None);
        pulse.set_runtime_dir(Some("/run/user/1000".into()));
        assert_eq!(
            pulse.runtime_dir().unwrap().as_deref(),
            Some("/run/user/1000")
        );
        let input = pulse.input().unwrap();
        assert_eq!(input.name().unwrap().as_deref(), Some("fish"));
        assert_eq!(input.stream_name().unwrap().as_deref(), Some("food"));
        assert_eq!(input.latency().unwrap(), Some(100));
        input.set_name(Some("mic".into()));
        input.set_stream_name(None);
        input.set_latency(Some(50));
        let output = pulse.output().unwrap();
        assert_eq!(output.name().unwrap().as_deref(), Some("fish"));
        assert_eq!(output.stream_name().unwrap().as_deref(), Some("food"));
        assert_eq!(output.latency().unwrap(), Some(200));
        output.set_name(Some("speakers".into()));
        output.set_stream_name(Some("guest".into()));
        output.set_latency(Some(100));
        output.set_mixing_engine(Some(YesNo(true)));
        output.set_voices(Some(1));
        output.set_buffer_length(Some(300));
        assert!(pulse.remove_input());

        // New: SDL through PulseAudio, and a WAV file with recording settings.
        let sdl = devices.add_audio();
        sdl.set_id(Some(4));
        sdl.set_audio_type(Some(AudioType::Sdl));
        sdl.set_driver(Some(SdlAudioDriver::Pulseaudio));
        assert_eq!(sdl.driver().unwrap(), Some(SdlAudioDriver::Pulseaudio));
        sdl.output_or_create().set_buffer_count(Some(30));
        let file = devices.add_audio();
        file.set_id(Some(5));
        file.set_audio_type(Some(AudioType::File));
        file.set_path(Some("audio.wav".into()));
        assert_eq!(file.path().unwrap().as_deref(), Some("audio.wav"));
        let rec = file.input_or_create();
        rec.set_fixed_settings(Some(YesNo(true)));
        rec.set_frequency(Some(8000));
        assert!(!file.remove_output());
        let gone = devices.add_audio();
        assert!(devices.remove_audio(&gone));
    });
}

fn rng_tpm_and_memory_balloon() {
    check_domain("dev2-rng-tpm-balloon", |dom| {
        let devices = dom.devices().unwrap();
        let tpms = devices.tpms();

        // Emulated TPM: keep state, debug, other PCR banks, another secret.
        let emu = &tpms[0];
        assert_eq!(emu.model().unwrap(), Some(TpmModel::TpmTis));
        emu.set_model(Some(TpmModel::TpmCrb));
        let backend = emu.backend().unwrap();
        assert_eq!(
            backend.backend_type().unwrap(),
            Some(TpmBackendType::Emulator)
        );
        assert_eq!(backend.version().unwrap(), Some(TpmVersion::V2_0));
        assert_eq!(backend.persistent_state().unwrap(), None);
        assert_eq!(backend.debug().unwrap(), None);
        assert_eq!(
            backend.encryption_secret().unwrap().unwrap().as_str(),
            "32ee7e76-2178-47a1-ab7b-269e6e348015"
        );
        backend.set_persistent_state(Some(YesNo(true)));
        backend.set_debug(Some(3));
        backend.set_encryption_secret(Some(
            Uuid::new("b4a117f1-8af2-44a4-91b8-7f0d2d4d68a3").unwrap(),
        ));
        let banks = backend.active_pcr_banks().unwrap();
        assert!(!banks.sha1() && banks.sha256() && !banks.sha384() && banks.sha512());
        banks.set_sha1(true);
        banks.set_sha384(true);
        banks.set_sha512(false);
        banks.set_sha256(true);
        assert!(emu.alias().is_none() && emu.address().is_none());
        emu.alias_or_create().set_name(Some("tpm0".into()));

        // Host TPM pass-through becomes an external swtpm socket.
        let host = &tpms[1];
        let backend = host.backend().unwrap();
        assert_eq!(
            backend.device_path().unwrap().as_deref(),
            Some("/dev/tpmrm0")
        );
        assert_eq!(backend.source_type().unwrap(), None);
        assert_eq!(backend.source_path().unwrap(), None);
        assert_eq!(backend.source_mode().unwrap(), None);
        assert!(backend.active_pcr_banks().is_none());
        backend.set_backend_type(Some(TpmBackendType::External));
        backend.set_device_path(None);
        backend.set_source_type(Some("unix".into()));
        backend.set_source_path(Some("/tmp/path.sock".into()));
        backend.set_source_mode(Some("connect".into()));
        backend.set_version(Some(TpmVersion::V2_0));
        let addr = host.address_or_create();
        addr.set_address_type(Some(AddressType::Isa));
        assert!(host.remove_address());
        let new = devices.add_tpm();
        let b = new.backend_or_create();
        b.set_backend_type(Some(TpmBackendType::Emulator));
        b.active_pcr_banks_or_create().set_sha256(true);
        assert!(b.remove_active_pcr_banks());
        assert!(new.remove_backend());
        assert!(devices.remove_tpm(&new));

        // The balloon: free page reporting, no polling, transport options.
        assert!(devices.memballoon().is_some());
        let balloon = devices.memballoon_or_create();
        assert_eq!(balloon.model().unwrap(), Some(MemballoonModel::Virtio));
        assert_eq!(balloon.autodeflate().unwrap(), Some(OnOff(true)));
        assert_eq!(balloon.free_page_reporting().unwrap(), None);
        assert_eq!(balloon.stats_period().unwrap(), Some(10));
        balloon.set_autodeflate(Some(OnOff(false)));
        balloon.set_free_page_reporting(Some(OnOff(true)));
        balloon.set_stats_period(None);
        balloon.set_model(Some(MemballoonModel::VirtioNonTransitional));
        assert_eq!(
            balloon.alias().unwrap().name().unwrap().as_deref(),
            Some("balloon0")
        );
        assert!(balloon.remove_alias());
        assert!(balloon.acpi().is_none());
        balloon.acpi_or_create().set_index(Some(9));
        assert_eq!(balloon.address().unwrap().slot().unwrap(), Some(0x12));
        assert!(balloon.remove_address());
        assert!(balloon.driver().is_none());
        balloon.driver_or_create().set_iommu(Some(OnOff(true)));

        let rngs = devices.rngs();
        // /dev/urandom at a limited rate becomes /dev/hwrng, unlimited.
        let random = &rngs[0];
        assert_eq!(random.model().unwrap(), Some(VirtioModel::Virtio));
        assert_eq!(random.rate_bytes().unwrap(), Some(123));
        assert_eq!(random.rate_period().unwrap(), Some(1234));
        random.set_rate_period(None);
        random.set_rate_bytes(Some(1024));
        let backend = random.backend().unwrap();
        assert_eq!(backend.model().unwrap(), Some(RngBackendModel::Random));
        assert_eq!(backend.device().unwrap().as_deref(), Some("/dev/urandom"));
        backend.set_device(Some("/dev/hwrng".into()));
        assert!(random.driver().is_none() && random.acpi().is_none() && random.alias().is_none());
        random.acpi_or_create().set_index(Some(4));
        random.alias_or_create().set_name(Some("ua-rng0".into()));

        // EGD over TCP moves to a UNIX socket.
        let egd = &rngs[1];
        assert_eq!(
            egd.model().unwrap(),
            Some(VirtioModel::VirtioNonTransitional)
        );
        egd.set_model(Some(VirtioModel::VirtioTransitional));
        let backend = egd.backend().unwrap();
        assert_eq!(backend.model().unwrap(), Some(RngBackendModel::Egd));
        assert_eq!(backend.source_type().unwrap(), Some(ChardevSourceType::Tcp));
        assert_eq!(backend.protocol().unwrap(), Some(ChardevProtocol::Raw));
        backend.set_source_type(Some(ChardevSourceType::Unix));
        backend.set_protocol(None);
        let old = &backend.sources()[0];
        assert_eq!(old.host().unwrap().as_deref(), Some("localhost"));
        assert!(backend.remove_source(old));
        let src = backend.add_source();
        src.set_mode(Some(ChardevSourceMode::Connect));
        src.set_path(Some("/tmp/rng.socket".into()));
        let driver = egd.driver().unwrap();
        assert_eq!(driver.page_per_vq().unwrap(), Some(OnOff(true)));
        assert!(egd.remove_driver());
        assert_eq!(
            egd.alias().unwrap().name().unwrap().as_deref(),
            Some("rng1")
        );
        assert_eq!(egd.address().unwrap().slot().unwrap(), Some(8));
        assert!(egd.remove_address());

        // A builtin one.
        let builtin = devices.add_rng();
        builtin.set_model(Some(VirtioModel::Virtio));
        builtin
            .backend_or_create()
            .set_model(Some(RngBackendModel::Builtin));
        builtin.driver_or_create().set_iommu(Some(OnOff(true)));
        assert!(builtin.remove_backend());
        builtin
            .backend_or_create()
            .set_model(Some(RngBackendModel::Builtin));
        let extra = devices.add_rng();
        assert!(devices.remove_rng(&extra));
    });
}

fn bhyve_gop_video() {
    check_domain("dev2-bhyve-video", |dom| {
        let devices = dom.devices().unwrap();
        let video = &devices.videos()[0];
        assert_eq!(video.driver_vgaconf().unwrap(), Some(VideoVgaconf::Off));
        video.set_driver_vgaconf(Some(VideoVgaconf::Io));
        let model = video.model().unwrap();
        assert_eq!(model.model_type().unwrap(), Some(VideoModelType::Gop));
        assert_eq!(model.vram().unwrap(), None);
        model.set_vram(Some(16384));
        model.set_model_type(Some(VideoModelType::Gop));
        let tablet = devices.add_input();
        tablet.set_input_type(Some(InputType::Tablet));
        tablet.set_bus(Some(InputBus::Usb));
    });
}
