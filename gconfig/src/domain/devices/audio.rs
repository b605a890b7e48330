//! `<audio>`: a host audio backend that sound cards and displays play through.

use crate::value::YesNo;
use crate::{xml_element, xml_enum};

xml_enum! {
    /// A host audio backend (`<audio type='...'>`).
    pub enum AudioType {
        /// No audio (discarded).
        None = "none",
        /// ALSA.
        Alsa = "alsa",
        /// macOS Core Audio.
        Coreaudio = "coreaudio",
        /// JACK.
        Jack = "jack",
        /// OSS.
        Oss = "oss",
        /// PulseAudio.
        Pulseaudio = "pulseaudio",
        /// SDL.
        Sdl = "sdl",
        /// Through the SPICE display.
        Spice = "spice",
        /// A WAV file.
        File = "file",
        /// Through the D-Bus display.
        Dbus = "dbus",
        /// PipeWire.
        Pipewire = "pipewire",
    }
}

xml_enum! {
    /// Sample format (`<settings format='...'>`).
    pub enum AudioFormat {
        /// Signed 8-bit.
        S8 = "s8",
        /// Unsigned 8-bit.
        U8 = "u8",
        /// Signed 16-bit.
        S16 = "s16",
        /// Unsigned 16-bit.
        U16 = "u16",
        /// Signed 32-bit.
        S32 = "s32",
        /// Unsigned 32-bit.
        U32 = "u32",
        /// 32-bit float.
        F32 = "f32",
    }
}

xml_enum! {
    /// The SDL audio driver (`<audio type='sdl' driver='...'>`).
    pub enum SdlAudioDriver {
        /// ESD.
        Esd = "esd",
        /// ALSA.
        Alsa = "alsa",
        /// aRts.
        Arts = "arts",
        /// PulseAudio.
        Pulseaudio = "pulseaudio",
    }
}

xml_element! {
    /// `<devices><audio>`: a host audio backend. Which attributes apply
    /// depends on [`AudioType`].
    pub struct DomainAudio = "audio", order = ["input", "output"] {
        /// The id that `<sound><audio id>` and `<graphics><audio id>` refer to.
        attr id, set_id: u32 = "id";
        /// The backend.
        attr audio_type, set_audio_type: AudioType = "type";
        /// Timer period in microseconds.
        attr timer_period, set_timer_period: u32 = "timerPeriod";
        /// Try mmap (`oss`).
        attr try_mmap, set_try_mmap: YesNo = "tryMMap";
        /// Exclusive device access (`oss`).
        attr exclusive, set_exclusive: YesNo = "exclusive";
        /// DSP policy (`oss`).
        attr dsp_policy, set_dsp_policy: i32 = "dspPolicy";
        /// Server (`pulseaudio`).
        attr server_name, set_server_name: String = "serverName";
        /// SDL driver (`sdl`).
        attr driver, set_driver: SdlAudioDriver = "driver";
        /// WAV file (`file`).
        attr path, set_path: String = "path";
        /// Runtime directory (`pipewire`).
        attr runtime_dir, set_runtime_dir: String = "runtimeDir";
        /// Recording settings.
        child input, input_or_create, remove_input: DomainAudioInput = "input";
        /// Playback settings.
        child output, output_or_create, remove_output: DomainAudioOutput = "output";
    }
}

/// Declares the view of one audio direction: `<input>` and `<output>` take
/// the same attributes.
macro_rules! audio_direction {
    ($(#[$meta:meta])* $Name:ident = $elem:literal) => {
        xml_element! {
            $(#[$meta])*
            pub struct $Name = $elem, order = ["settings"] {
                /// Mix in software.
                attr mixing_engine, set_mixing_engine: YesNo = "mixingEngine";
                /// Use the fixed `<settings>` instead of the guest's.
                attr fixed_settings, set_fixed_settings: YesNo = "fixedSettings";
                /// Number of voices.
                attr voices, set_voices: u32 = "voices";
                /// Buffer length in microseconds.
                attr buffer_length, set_buffer_length: u32 = "bufferLength";
                /// Number of buffers (`coreaudio`, `oss`, `sdl`).
                attr buffer_count, set_buffer_count: u32 = "bufferCount";
                /// Device (`alsa`, `oss`).
                attr dev, set_dev: String = "dev";
                /// Poll instead of blocking (`oss`).
                attr try_poll, set_try_poll: YesNo = "tryPoll";
                /// Server (`jack`).
                attr server_name, set_server_name: String = "serverName";
                /// Client name (`jack`).
                attr client_name, set_client_name: String = "clientName";
                /// Ports to connect to, a regular expression (`jack`).
                attr connect_ports, set_connect_ports: String = "connectPorts";
                /// Use `clientName` exactly (`jack`).
                attr exact_name, set_exact_name: YesNo = "exactName";
                /// Sink or source name (`pulseaudio`, `pipewire`).
                attr name, set_name: String = "name";
                /// Stream name (`pulseaudio`, `pipewire`).
                attr stream_name, set_stream_name: String = "streamName";
                /// Latency in microseconds (`pulseaudio`, `pipewire`).
                attr latency, set_latency: u32 = "latency";
                /// Fixed sample rate in Hz.
                child_attr frequency, set_frequency: u32 = "settings" / "frequency";
                /// Fixed number of channels.
                child_attr channels, set_channels: u32 = "settings" / "channels";
                /// Fixed sample format.
                child_attr format, set_format: AudioFormat = "settings" / "format";
            }
        }
    };
}

audio_direction! {
    /// `<audio><input>`: recording settings.
    DomainAudioInput = "input"
}

audio_direction! {
    /// `<audio><output>`: playback settings.
    DomainAudioOutput = "output"
}
