//! How Vireo asks GTK to draw when the machine has no GPU.
//!
//! GTK 4.8 draws with OpenGL on X11 and Wayland, and sets OpenGL up when it opens the
//! display even when the cairo renderer is chosen. Without a GPU (a VM, a server with
//! a virtual or forwarded display, Xvfb) that OpenGL is Mesa's software rasterizer:
//! it loads LLVM (about 50 MiB resident), slows the first frame down, and is slower
//! than cairo at what Vireo draws. So when no DRM render node exists and the user has
//! set neither `GSK_RENDERER` nor `GDK_DEBUG`, Vireo asks for the cairo renderer and
//! leaves OpenGL off. Nothing in Vireo needs OpenGL: the VNC console paints cairo
//! surfaces.

use std::path::Path;

/// Where DRM device nodes are.
pub const DRI_DIR: &str = "/dev/dri";

/// Whether `dir` holds a DRM render node (`renderD128`, ...): a GPU that OpenGL can
/// use without a display server's help.
pub fn has_render_node(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// The environment variables to set before GTK starts, given the user's
/// `GSK_RENDERER` and `GDK_DEBUG` and whether there is a render node: none when the
/// user chose, or when there is a GPU.
pub fn renderer_env(
    gsk_renderer: Option<&str>,
    gdk_debug: Option<&str>,
    render_node: bool,
) -> Vec<(&'static str, &'static str)> {
    if render_node || gsk_renderer.is_some() || gdk_debug.is_some() {
        return Vec::new();
    }
    vec![("GSK_RENDERER", "cairo"), ("GDK_DEBUG", "gl-disable")]
}

/// Applies [`renderer_env`] to this process. Call it first thing in `main`, before
/// any thread is started (it sets environment variables).
pub fn choose_renderer() {
    let get = |k: &str| std::env::var(k).ok();
    let (gsk, gdk) = (get("GSK_RENDERER"), get("GDK_DEBUG"));
    for (k, v) in renderer_env(
        gsk.as_deref(),
        gdk.as_deref(),
        has_render_node(Path::new(DRI_DIR)),
    ) {
        std::env::set_var(k, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_without_a_gpu_and_without_the_users_choice() {
        let cairo = vec![("GSK_RENDERER", "cairo"), ("GDK_DEBUG", "gl-disable")];
        assert_eq!(renderer_env(None, None, false), cairo);
        assert!(renderer_env(None, None, true).is_empty());
        assert!(renderer_env(Some("gl"), None, false).is_empty());
        assert!(renderer_env(Some("cairo"), None, false).is_empty());
        assert!(renderer_env(None, Some("gl-glx"), false).is_empty());
    }

    #[test]
    fn render_nodes_are_found() {
        let dir = std::env::temp_dir().join(format!("vireo-dri-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("card0"), "").expect("file");
        assert!(
            !has_render_node(&dir),
            "a card node alone is not a render node"
        );
        std::fs::write(dir.join("renderD128"), "").expect("file");
        assert!(has_render_node(&dir));
        assert!(!has_render_node(&dir.join("missing")));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
