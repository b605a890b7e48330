//! `<sound>`: a sound card.

use super::address::{DeviceAcpi, DeviceAddress, DeviceAlias};
use crate::value::YesNo;
use crate::{xml_element, xml_enum};

use super::virtio::DomainVirtioDriver;

xml_enum! {
    /// A sound card model (`<sound model='...'>`).
    pub enum SoundModel {
        /// Sound Blaster 16.
        Sb16 = "sb16",
        /// Ensoniq ES1370.
        Es1370 = "es1370",
        /// PC speaker.
        Pcspk = "pcspk",
        /// AC'97.
        Ac97 = "ac97",
        /// Intel HD Audio (ICH6).
        Ich6 = "ich6",
        /// Intel HD Audio (ICH7).
        Ich7 = "ich7",
        /// Intel HD Audio (ICH9).
        Ich9 = "ich9",
        /// USB audio.
        Usb = "usb",
        /// virtio-sound.
        Virtio = "virtio",
    }
}

xml_enum! {
    /// An HDA codec (`<codec type='...'>`).
    pub enum SoundCodecType {
        /// Line out and microphone in.
        Duplex = "duplex",
        /// Speaker out and microphone in.
        Micro = "micro",
        /// Line out only.
        Output = "output",
    }
}

xml_element! {
    /// `<devices><sound>`: a sound card.
    pub struct DomainSound = "sound", order = [
        "codec", "audio", "alias", "acpi", "address", "driver",
    ] {
        /// The model.
        attr model, set_model: SoundModel = "model";
        /// Multichannel mode (`usb`).
        attr multichannel, set_multichannel: YesNo = "multichannel";
        /// Number of PCM streams (`virtio`).
        attr streams, set_streams: u32 = "streams";
        /// HDA codecs (`ich6`, `ich7`, `ich9`).
        children codecs, add_codec, remove_codec: DomainSoundCodec = "codec";
        /// The `<audio id>` backend this card plays through.
        child_attr audio_id, set_audio_id: u32 = "audio" / "id";
        /// virtio transport options (`virtio`).
        child driver, driver_or_create, remove_driver: DomainVirtioDriver = "driver";
        /// ACPI settings.
        child acpi, acpi_or_create, remove_acpi: DeviceAcpi = "acpi";
        /// Device alias.
        child alias, alias_or_create, remove_alias: DeviceAlias = "alias";
        /// Guest bus address.
        child address, address_or_create, remove_address: DeviceAddress = "address";
    }
}

xml_element! {
    /// `<sound><codec>`: an HDA codec.
    pub struct DomainSoundCodec = "codec" {
        /// The codec.
        attr codec_type, set_codec_type: SoundCodecType = "type";
    }
}
