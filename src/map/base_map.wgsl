// The base map's meshes (land fills, borders, lakes, provinces) drawn as egui draws an untextured mesh:
// positions in screen points, colours premultiplied in gamma space, blended One / OneMinusSrcAlpha.

struct View {
    // The whole screen in points (the viewport is set to the whole screen).
    screen_size_points: vec2<f32>,
    // Where a pan has moved the scene since it was built, in points.
    offset_points: vec2<f32>,
    // 1 where the window's egui renderer dithers (eframe's default), 0 where it renders predictably (tests).
    dithering: f32,
    padding0: f32,
    padding1: f32,
    padding2: f32,
};

@group(0) @binding(0) var<uniform> view: View;

struct VertexOut {
    @builtin(position) position: vec4<f32>,
    @location(0) color: vec4<f32>,
};

@vertex
fn vs_main(@location(0) pos: vec2<f32>, @location(1) uv: vec2<f32>, @location(2) color: u32) -> VertexOut {
    var out: VertexOut;
    let at = pos + view.offset_points;
    let ndc = vec2<f32>(2.0 * at.x / view.screen_size_points.x - 1.0, 1.0 - 2.0 * at.y / view.screen_size_points.y);
    out.position = vec4<f32>(ndc, 0.0, 1.0);
    // Color32 is r, g, b, a in memory: the low byte is red.
    out.color = vec4<f32>(
        f32(color & 255u),
        f32((color >> 8u) & 255u),
        f32((color >> 16u) & 255u),
        f32((color >> 24u) & 255u),
    ) / 255.0;
    return out;
}

// Jimenez's interleaved gradient noise, the dither eframe's egui pipeline adds against banding (±half a level
// of 8 bits): with it the GPU base map matches the meshes egui draws to the level.
fn dither(rgb: vec3<f32>, frag: vec2<f32>) -> vec3<f32> {
    let noise = fract(52.9829189 * fract(0.06711056 * frag.x + 0.00583715 * frag.y));
    return rgb + view.dithering * (noise - 0.5) * 0.95 / 255.0;
}

// A target that stores gamma-space values (Rgba8Unorm, Bgra8Unorm): what egui prefers.
@fragment
fn fs_gamma(in: VertexOut) -> @location(0) vec4<f32> {
    return vec4<f32>(dither(in.color.rgb, in.position.xy), in.color.a);
}

fn linear_from_gamma(c: vec3<f32>) -> vec3<f32> {
    let low = c < vec3<f32>(0.04045);
    return select(pow((c + vec3<f32>(0.055)) / vec3<f32>(1.055), vec3<f32>(2.4)), c / vec3<f32>(12.92), low);
}

// An sRGB target converts on write: hand it linear values, converted as egui converts its own.
@fragment
fn fs_linear(in: VertexOut) -> @location(0) vec4<f32> {
    return vec4<f32>(linear_from_gamma(dither(in.color.rgb, in.position.xy)), in.color.a);
}
