//! The plotters charts as static calls, drawn from data rather than from a trainer: the page's
//! trainer runs in a worker (which has no page canvas), and the page draws what it sends, the
//! history and a layer's histogram, on its own canvases.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::chart_style::ChartOptions;
use super::errors::plain_error;
use super::history_chart::HistoryChart;
use super::{from_js, histogram_chart};
use crate::trainer::{Histogram, History, Spread};

#[wasm_bindgen]
pub struct Charts;

/// Chart options from JS (`undefined` or `null` give the defaults).
fn chart_options(value: JsValue) -> Result<ChartOptions, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(Default::default())
    } else {
        from_js("chart options", value)
    }
}

#[wasm_bindgen]
impl Charts {
    /// Draws the train and test curves of `metric` ('loss' or 'accuracy') of a trainer's
    /// `history()` on a canvas over the epochs (at least one), and the accuracy axis ends at 1
    /// unless `regression` (then it is an RMSE). `options.references`:
    /// dashed lines at given levels (`[{ value, label }]`), each kept in view.
    #[wasm_bindgen(js_name = drawHistory)]
    pub fn draw_history(
        canvas: HtmlCanvasElement,
        #[wasm_bindgen(unchecked_param_type = "History")] history: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"loss\" | \"accuracy\"")] metric: &str,
        regression: bool,
        #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
    ) -> Result<(), JsError> {
        let history: History = from_js("history", history)?;
        let options = chart_options(options)?;
        options.check().map_err(super::errors::js_error)?;
        let source = HistoryChart {
            history: &history,
            regression,
        };
        super::history_chart::draw(&source, canvas, metric, &options).map_err(|e| plain_error(&e))
    }

    /// Draws a trainer's `histogram(layer, what)` or `tensorHistogram(index, what)` on a
    /// canvas, in the colour of `what` ('weights', 'gradients' or 'updates').
    #[wasm_bindgen(js_name = drawHistogram)]
    pub fn draw_histogram(
        canvas: HtmlCanvasElement,
        #[wasm_bindgen(unchecked_param_type = "Histogram")] histogram: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Spread")] what: &str,
        #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
    ) -> Result<(), JsError> {
        let histogram: Histogram = from_js("histogram", histogram)?;
        let spread = Spread::parse(what).map_err(super::errors::js_error)?;
        let options = chart_options(options)?;
        let colour = histogram_chart::colour_of(spread);
        histogram_chart::draw(&histogram, colour, canvas, &options).map_err(|e| plain_error(&e))
    }
}
