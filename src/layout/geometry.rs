//! Points and rectangles in scene units (1 unit = 1 CSS pixel at 100 % zoom; y grows downwards).

/// A point in scene coordinates.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// An axis-aligned rectangle in scene coordinates.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl Rect {
    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    /// Centre point.
    pub fn centre(&self) -> Point {
        Point {
            x: self.x + self.width / 2.0,
            y: self.y + self.height / 2.0,
        }
    }

    /// True when the interiors intersect (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// True when `other` lies inside this rectangle, within `tolerance`.
    pub fn contains_rect(&self, other: &Rect, tolerance: f32) -> bool {
        other.x >= self.x - tolerance
            && other.y >= self.y - tolerance
            && other.right() <= self.right() + tolerance
            && other.bottom() <= self.bottom() + tolerance
    }

    /// True when `point` lies on the rectangle's outline, within `tolerance`.
    pub fn has_on_edge(&self, point: Point, tolerance: f32) -> bool {
        let inside_x = point.x >= self.x - tolerance && point.x <= self.right() + tolerance;
        let inside_y = point.y >= self.y - tolerance && point.y <= self.bottom() + tolerance;
        let on_vertical =
            (point.x - self.x).abs() <= tolerance || (point.x - self.right()).abs() <= tolerance;
        let on_horizontal =
            (point.y - self.y).abs() <= tolerance || (point.y - self.bottom()).abs() <= tolerance;
        (on_vertical && inside_y) || (on_horizontal && inside_x)
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect {
            x,
            y,
            width: self.right().max(other.right()) - x,
            height: self.bottom().max(other.bottom()) - y,
        }
    }

    /// Grown by `margin` on every side.
    pub fn expand(&self, margin: f32) -> Rect {
        Rect {
            x: self.x - margin,
            y: self.y - margin,
            width: self.width + 2.0 * margin,
            height: self.height + 2.0 * margin,
        }
    }
}
