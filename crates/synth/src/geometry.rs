//! Pinhole-camera view of a tilted plane: the homography from the code's square to the frame.

/// A 3×3 plane-to-image homography (row-major, `m[8]` normalised to 1 on construction).
#[derive(Clone, Copy, Debug)]
pub struct Homography([f32; 9]);

impl Homography {
    /// Maps the unit square's corners (0,0),(1,0),(1,1),(0,1) to `q[0..4]` (Heckbert's method).
    pub fn square_to_quad(q: [(f32, f32); 4]) -> Self {
        let [(x0, y0), (x1, y1), (x2, y2), (x3, y3)] = q;
        let (dx1, dx2, dx3) = (x1 - x2, x3 - x2, x0 - x1 + x2 - x3);
        let (dy1, dy2, dy3) = (y1 - y2, y3 - y2, y0 - y1 + y2 - y3);
        let den = dx1 * dy2 - dx2 * dy1;
        let g = (dx3 * dy2 - dx2 * dy3) / den;
        let h = (dx1 * dy3 - dx3 * dy1) / den;
        Homography([x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1.0])
    }

    /// The inverse mapping (adjugate; scale is irrelevant for a homography).
    pub fn inverse(&self) -> Self {
        let [a, b, c, d, e, f, g, h, i] = self.0;
        Homography([
            e * i - f * h,
            c * h - b * i,
            b * f - c * e,
            f * g - d * i,
            a * i - c * g,
            c * d - a * f,
            d * h - e * g,
            b * g - a * h,
            a * e - b * d,
        ])
    }

    /// Applies the mapping; also returns the homogeneous `w` (its sign tells the plane's side).
    pub fn apply(&self, x: f32, y: f32) -> (f32, f32, f32) {
        let m = &self.0;
        let w = m[6] * x + m[7] * y + m[8];
        ((m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w, w)
    }
}

/// Pose of the code's square in front of the camera.
#[derive(Clone, Copy, Debug)]
pub struct Pose {
    /// Centre of the code in the frame (pixels).
    pub centre: (f32, f32),
    /// Side of the code (with quiet zone) when seen face-on (pixels).
    pub side: f32,
    /// Rotation in the image plane, about the camera axis (radians).
    pub roll: f32,
    /// Tilt about the horizontal and vertical axes (radians).
    pub pitch: f32,
    pub yaw: f32,
}

const FOCAL: f32 = 1000.0;

impl Pose {
    /// Projects the square's corners with a pinhole camera of focal length 1000 px.
    pub fn quad(&self) -> [(f32, f32); 4] {
        let z0 = FOCAL / self.side;
        let (sr, cr) = self.roll.sin_cos();
        let (sp, cp) = self.pitch.sin_cos();
        let (sy, cy) = self.yaw.sin_cos();
        [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)].map(|(u, v)| {
            let (x, y) = (u - 0.5, v - 0.5);
            let (x, y) = (cr * x - sr * y, sr * x + cr * y);
            let (y, z) = (cp * y, sp * y);
            let (x, z) = (cy * x + sy * z, -sy * x + cy * z);
            let z = z + z0;
            (self.centre.0 + FOCAL * x / z, self.centre.1 + FOCAL * y / z)
        })
    }
}
