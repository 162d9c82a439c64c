//! Which renderer draws the window. wgpu is the better one on a real GPU: the base map stays in GPU buffers
//! (`map::gpu`) and a frame sends a transform, not 80k vertices. On a machine whose only adapter is a
//! software rasteriser (Mesa's llvmpipe: a school laptop without working GPU drivers, a virtual machine,
//! Xvfb), wgpu's GL path costs tens of milliseconds a frame before anything is drawn: a blank eframe
//! window at 1600×1000 under Xvfb ran at 30 fps with wgpu and 237 with glow. There the window uses glow,
//! and the base map is drawn as meshes, as exports and snapshots draw it.

use clap::ValueEnum;

/// `--renderer`: the user's choice, `auto` unless they say otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum RendererArg {
    /// wgpu where a hardware GPU is found, glow (OpenGL) where the only one is a software rasteriser
    /// (wgpu always on Windows).
    #[default]
    Auto,
    /// wgpu (Vulkan, Metal, DirectX 12 or OpenGL).
    Wgpu,
    /// glow (OpenGL), the faster one on software rendering.
    Glow,
}

/// What the probe found: the kinds of the graphics adapters present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adapters {
    /// At least one adapter is a GPU (discrete, integrated or virtual).
    Hardware,
    /// Only software rasterisers (or none at all: glow then reports the error as wgpu would).
    SoftwareOnly,
}

/// The renderer for `choice` on a machine with `adapters` (asked only for `auto`).
pub fn pick(choice: RendererArg, adapters: impl FnOnce() -> Adapters) -> eframe::Renderer {
    match choice {
        RendererArg::Wgpu => eframe::Renderer::Wgpu,
        RendererArg::Glow => eframe::Renderer::Glow,
        // Windows' software adapter (WARP) runs wgpu's DirectX 12 backend well, while the OpenGL it offers
        // without a GPU driver is version 1.1, too old for glow.
        RendererArg::Auto if cfg!(windows) => eframe::Renderer::Wgpu,
        RendererArg::Auto => match adapters() {
            Adapters::Hardware => eframe::Renderer::Wgpu,
            Adapters::SoftwareOnly => eframe::Renderer::Glow,
        },
    }
}

/// Asks wgpu which adapters this machine has, without opening anything (tens of milliseconds at start).
pub fn probe() -> Adapters {
    use egui_wgpu::wgpu;
    let setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
    let instance = pollster::block_on(egui_wgpu::WgpuSetup::CreateNew(setup).new_instance());
    let adapters = pollster::block_on(instance.enumerate_adapters(wgpu::Backends::all()));
    let kinds: Vec<wgpu::DeviceType> = adapters.iter().map(|a| a.get_info().device_type).collect();
    log::info!("graphics adapters: {kinds:?}");
    classify(&kinds)
}

fn classify(kinds: &[egui_wgpu::wgpu::DeviceType]) -> Adapters {
    use egui_wgpu::wgpu::DeviceType;
    let hardware =
        |k: &DeviceType| matches!(k, DeviceType::DiscreteGpu | DeviceType::IntegratedGpu | DeviceType::VirtualGpu);
    if kinds.iter().any(hardware) { Adapters::Hardware } else { Adapters::SoftwareOnly }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_wgpu::wgpu::DeviceType;

    #[test]
    fn software_rendering_gets_glow_and_a_gpu_gets_wgpu() {
        assert_eq!(classify(&[DeviceType::Cpu]), Adapters::SoftwareOnly);
        assert_eq!(classify(&[]), Adapters::SoftwareOnly);
        assert_eq!(classify(&[DeviceType::Cpu, DeviceType::IntegratedGpu]), Adapters::Hardware);
        assert_eq!(classify(&[DeviceType::Other, DeviceType::DiscreteGpu]), Adapters::Hardware);
        let software = if cfg!(windows) { eframe::Renderer::Wgpu } else { eframe::Renderer::Glow };
        assert_eq!(pick(RendererArg::Auto, || Adapters::SoftwareOnly), software);
        assert_eq!(pick(RendererArg::Auto, || Adapters::Hardware), eframe::Renderer::Wgpu);
        // A choice the user made is not second-guessed, and costs no probe.
        let no_probe = || -> Adapters { panic!("probed") };
        assert_eq!(pick(RendererArg::Wgpu, no_probe), eframe::Renderer::Wgpu);
        assert_eq!(pick(RendererArg::Glow, no_probe), eframe::Renderer::Glow);
    }
}
