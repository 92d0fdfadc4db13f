//! Looking inside: the network run on one point or image (activations of every layer), over a
//! grid of the plane (the decision boundary and every neuron's heatmap), or on any points.

use super::{Trainer, MAX_GRID_RESOLUTION};
use crate::data::points::{features_into, DOMAIN};
use crate::error::{check_range, Error, Result};
use crate::nn::network::{Mode, Workspace};

impl Trainer {
    /// Runs the network on one point; returns the values of every boundary.
    pub fn probe(&mut self, x1: f32, x2: f32) -> Result<&[f32]> {
        check_range("x1", x1, -DOMAIN * 10.0, DOMAIN * 10.0)?;
        check_range("x2", x2, -DOMAIN * 10.0, DOMAIN * 10.0)?;
        self.require_points("probe")?;
        let inputs = self.probe.inputs_mut(1, self.config.features.len());
        features_into(&self.config.features, x1, x2, inputs);
        self.network
            .forward(&self.params, &mut self.probe, Mode::Eval);
        Ok(self.probe.values())
    }

    /// Runs the network on one image (`height × width` pixels in [0, 1]); returns the values
    /// of every boundary.
    pub fn probe_image(&mut self, pixels: &[f32]) -> Result<&[f32]> {
        let Some((train, _)) = self.data.images() else {
            return Err(Error::invalid(
                "probe_image",
                "used with an image dataset",
                "points",
            ));
        };
        train.check_pixels(pixels)?;
        let size = pixels.len();
        self.probe.inputs_mut(1, size).copy_from_slice(pixels);
        self.network
            .forward(&self.params, &mut self.probe, Mode::Eval);
        Ok(self.probe.values())
    }

    fn require_points(&self, what: &str) -> Result<()> {
        match self.data.points() {
            Some(_) => Ok(()),
            None => Err(Error::invalid(
                what,
                "used with a point dataset",
                "an image dataset",
            )),
        }
    }

    /// Runs the network on a `resolution × resolution` grid over the square, row by row from
    /// the top; returns the values of every boundary and fills `grid_scores`.
    pub fn grid(&mut self, resolution: usize) -> Result<&[f32]> {
        self.require_points("grid")?;
        check_range("grid resolution", resolution, 2, MAX_GRID_RESOLUTION)?;
        let n = resolution * resolution;
        if self.grid.capacity() < n {
            self.grid = Workspace::new(&self.network, n, false);
        }
        let features = &self.config.features;
        let inputs = self.grid.inputs_mut(n, features.len());
        let step = 2.0 * DOMAIN / resolution as f32;
        for (i, row) in inputs.chunks_exact_mut(features.len()).enumerate() {
            let (r, c) = (i / resolution, i % resolution);
            let x1 = -DOMAIN + step * (c as f32 + 0.5);
            let x2 = DOMAIN - step * (r as f32 + 0.5);
            features_into(features, x1, x2, row);
        }
        self.network
            .forward(&self.params, &mut self.grid, Mode::Eval);
        let loss = self.network.loss();
        self.grid_scores.clear();
        self.grid_scores.extend(
            self.network
                .predictions(&self.grid)
                .chunks_exact(loss.width)
                .map(|p| loss.score_of(p)),
        );
        self.fill_grid_maps(n);
        Ok(self.grid.values())
    }

    /// The last grid's values unit by unit (a unit's value at every point side by side, one
    /// map per unit): unit `j` of boundary `k`, point `i` is at
    /// `N * prefix[k] + j * N + i`. A page paints each map as an image without gathering.
    pub fn grid_maps(&self) -> &[f32] {
        &self.grid_maps
    }

    /// Transposes each boundary's block of the grid's values (points × units) into
    /// `grid_maps` (units × points).
    fn fill_grid_maps(&mut self, n: usize) {
        let values = self.grid.values();
        self.grid_maps.resize(values.len(), 0.0);
        let (widths, prefix) = (self.network.widths(), self.network.prefix());
        for (&width, &before) in widths.iter().zip(prefix) {
            let block = n * before..n * (before + width);
            let points = &values[block.clone()];
            // Written in order, read across (writing across is the slower way round).
            for (j, map) in self.grid_maps[block].chunks_exact_mut(n).enumerate() {
                for (v, point) in map.iter_mut().zip(points.chunks_exact(width)) {
                    *v = point[j];
                }
            }
        }
    }

    /// Display scores in [-1, 1] of the last `grid` call.
    pub fn grid_scores(&self) -> &[f32] {
        &self.grid_scores
    }

    /// Predictions for arbitrary points `[x1, x2, ...]` (for tests and the command line).
    pub fn predict(&mut self, points: &[f32]) -> Vec<f32> {
        let features = &self.config.features;
        let width = self.network.widths()[0];
        let mut out = Vec::new();
        for chunk in points.chunks(2 * self.eval.capacity()) {
            let inputs = self.eval.inputs_mut(chunk.len() / 2, width);
            for (row, point) in inputs.chunks_exact_mut(width).zip(chunk.chunks_exact(2)) {
                features_into(features, point[0], point[1], row);
            }
            self.network
                .forward(&self.params, &mut self.eval, Mode::Eval);
            out.extend_from_slice(self.network.predictions(&self.eval));
        }
        out
    }
}
