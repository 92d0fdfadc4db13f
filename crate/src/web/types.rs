//! TypeScript declarations of the plain objects that cross the boundary (configs, metrics,
//! metadata), so the generated `.d.ts` says more than `any`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
export type Activation = "relu" | "leakyRelu" | "tanh" | "sigmoid" | "linear";
export type Feature = "x1" | "x2" | "x1Squared" | "x2Squared" | "x1TimesX2" | "sinX1" | "sinX2";
export type PhaseName = "forward" | "loss" | "backward" | "update";

// `Config` and `TrainingChange` are generated from `Trainer.schema()` by
// scripts/config-types.mjs (make build), so a new config field needs no edit here.
import type { Config, TrainingChange } from "./config-types";
export type { Config, TrainingChange };

export type LayerSpec =
    | { kind: "dense"; units: number; activation: Activation }
    | { kind: "conv2d"; channels: number; kernel: number; stride?: number; padding?: number; activation: Activation }
    | { kind: "maxPool2d" | "avgPool2d"; size: number; stride?: number }
    | { kind: "flatten" }
    | { kind: "dropout"; rate: number }
    | { kind: "embed"; dims?: number }
    | { kind: "gpt"; dModel: number; heads: number; blocks: number; mlpRatio?: number; tied?: boolean }
    | { kind: "rnn"; units: number; cell?: "tanh" | "gru" };

/** `generate`'s options: each optional (defaults 100, 1, 0 = no cut, 1). */
export interface GenerateOptions { maxTokens?: number; temperature?: number; topK?: number; seed?: number }

/** A text set's tokens (token 0, "", is the boundary), their training counts, and the loss
 *  chart's references in nats per token: uniform guessing and the bigram count model. */
export interface Vocabulary { tokens: string[]; counts: number[]; uniformLoss: number; countModelLoss: number }
/** A GPT's attention over a window of text: `probabilities` is layers × heads × T × T (T = tokens.length; "" is a document's start), row = query. */
export interface AttentionMaps { layers: number; heads: number; tokens: string[]; probabilities: Float32Array }
/** Per character of a text: its probability after the ones before it, and its loss (−ln p, nats). */
export interface PositionLosses { characters: string[]; probabilities: number[]; losses: number[] }

/** A layer's (or tensor's) values binned between their finite extremes. */
export interface Histogram { lo: number; hi: number; counts: number[] }

export interface Metrics {
    step: number;
    epoch: number;
    examplesSeen: number;
    stepsPerEpoch: number;
    /** Whole steps until the current epoch ends. */
    stepsLeftInEpoch: number;
    /** An image network's last epoch is still being measured (`advanceEvaluation`). */
    measuring: boolean;
    nextPhase: PhaseName;
    lastPhase: PhaseName | null;
    batchLoss: number | null;
    trainLoss: number;
    testLoss: number;
    trainAccuracy: number | null;
    testAccuracy: number | null;
    trainRmse: number | null;
    testRmse: number | null;
    isRegression: boolean;
}

/** Where the teacher's verdict on the current parameters stands (`verdict()`). */
export interface Verdict {
    step: number;
    epoch: number;
    /** Test examples predicted so far for these parameters. */
    made: number;
    total: number;
    /** Every test example is predicted: `testPredictions` and `confusion` need no work. */
    complete: boolean;
}

/** One entry at the start and one after each epoch; quality = accuracy, or RMSE for regression. */
export interface History {
    step: number[];
    epoch: number[];
    trainLoss: number[];
    testLoss: number[];
    trainQuality: number[];
    testQuality: number[];
    /** Per layer with weights: the mean gradient L2 norm over each epoch (0 before training). */
    gradNorms: number[][];
}

export interface Slot { offset: number; length: number }

export interface Shape { channels: number; height: number; width: number }

/**
 * A dense or convolution layer with its activation, or a pooling, flatten or dropout layer.
 * Convolution weights: rows = output channels, cols = input channels × kernel × kernel.
 */
export interface LayerInfo {
    kind: "dense" | "conv2d" | "maxPool2d" | "avgPool2d" | "flatten" | "dropout" | "embed" | "gpt";
    units: number;
    inputs: number;
    activation?: Activation;
    weights?: Slot & { rows: number; cols: number };
    biases?: Slot;
    kernel?: number;
    stride?: number;
    padding?: number;
    /** Boundary indices (see `NetworkInfo.boundaries`). */
    input: number;
    preActivation?: number;
    activationBoundary: number;
}

/**
 * In a value buffer for N points, boundary k, point i, unit j is at
 * `N * boundaries[k].prefix + i * boundaries[k].width + j`.
 */
export interface NetworkInfo {
    features: Feature[];
    outputs: number;
    boundaries: { name: string; width: number; prefix: number; shape: Shape }[];
    layers: LayerInfo[];
    prediction: number;
    parameterCount: number;
    /** Every tensor of the parameters, in the order of the parameter vector (each once). */
    tensors: TensorInfo[];
    optimizerState: string[];
}

/**
 * One named tensor of the parameters: `rows × cols` values, row-major, at `offset`. A GPT's
 * `part` is the box of its diagram and `block` counts from 1; a recurrent network's are "tokens",
 * "cell" and "head"; other networks' is "layer".
 */
export interface TensorInfo {
    layer: number;
    part: "tokens" | "positions" | "ln1" | "attention" | "ln2" | "mlp" | "finalNorm" | "cell" | "head" | "layer";
    block?: number;
    role: "table" | "gain" | "shift" | "qkvWeights" | "qkvBiases" | "outputWeights" | "outputBiases"
        | "upWeights" | "upBiases" | "downWeights" | "downBiases" | "inputWeights" | "inputBiases"
        | "stateWeights" | "stateBiases" | "weights" | "biases";
    /** In English: "block 1 · attention · Q,K,V weights". */
    name: string;
    rows: number;
    cols: number;
    offset: number;
    length: number;
}

/** Which of a tensor's values: its parameters, their gradients, or the last update's change. */
export type Spread = "weights" | "gradients" | "updates";

export type Mode = "points" | "images" | "tensors" | "text";

/** A range as data; `allowed` is the same words as the error message. */
export interface Range { min: number; max: number | null; allowed: string }

/** One config field (`Trainer.schema().fields`). */
export interface FieldSchema {
    name: keyof Config;
    type: "enum" | "int" | "number" | "list" | "layers" | "imageLayers" | "tensorShape";
    /** enum and list: the allowed values; layers and imageLayers: the activations. */
    values?: string[];
    min?: number;
    /** null: as many as the training examples (batchSize). */
    max?: number | null;
    allowed?: string;
    /** layers: { maxLayers, units }; imageLayers: { maxLayers, kinds, dense, conv2d, pool,
     *  dropout }; tensorShape: { channels, height, width, classes } (each a Range). */
    limits?: Record<string, unknown>;
    default: unknown;
    /** Changes during training without a rebuild (`setTraining`). */
    training: boolean;
    modes: Mode[];
}

export interface Schema {
    fields: FieldSchema[];
    presets: { name: string; dataset: string; epochs: number }[];
    datasets: {
        name: string;
        mode: Mode;
        regression: boolean;
        classes: number | null;
        recipe: string | null;
        imageSize?: [number, number];
        files?: [string, string | null];
    }[];
    modes: Mode[];
    constants: {
        maxEditedWeight: number;
        domain: number;
        classes: number;
        maxHiddenLayers: number;
        maxUnits: number;
        maxImageLayers: number;
        maxGridResolution: number;
        histogramBins: number;
        maxPromptChars: number;
        maxGeneratedTokens: number;
        temperature: [number, number];
        maxTopK: number;
    };
}

/** What every error the Trainer throws carries besides its message. */
export interface TrainerError extends Error {
    /** The top-level config field the error is about, or null. */
    field: string | null;
    /** The full path of the value (`hidden[1].units`), or null. */
    path: string | null;
    /** What is allowed, as text ("between 1 and 32"), or null. */
    allowed: string | null;
}

export interface ChartOptions {
    dark?: boolean;
    trainLabel?: string;
    testLabel?: string;
    xLabel?: string;
    yLabel?: string;
    pixelRatio?: number;
    /** Dashed lines across the history chart at these levels (text mode: ln V and the count model's loss). */
    references?: { value: number; label: string }[];
    /** Earlier cooks, each drawn faded behind the curves (its test curve) in its colour (r, g, b) and dashes ([dash, gap] CSS pixels, 0 to 24; a dash of 0 is solid), `tag` (1 or 2 characters) in a disc at its end. */
    ghosts?: { history: History; tag: string; colour: [number, number, number]; dash: [number, number] }[];
    /** The legend's one entry for all the ghosts ("earlier cooks"). */
    ghostLegend?: string;
}
"#;
