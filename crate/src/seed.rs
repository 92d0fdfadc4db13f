//! One seed drives everything random; each use draws from its own ChaCha stream, so changing
//! how many numbers one use takes never shifts another (data stays put when the init changes).

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

#[derive(Clone, Copy, Debug)]
pub enum Stream {
    Data,
    Init,
    /// The shuffle of one epoch: resumable from (seed, epoch) alone.
    Shuffle(u64),
    /// The dropout masks of one step.
    Dropout(u64),
}

pub fn rng(seed: u32, stream: Stream) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(u64::from(seed));
    rng.set_stream(match stream {
        Stream::Data => 0,
        Stream::Init => 1,
        // Even streams for shuffles, odd ones for dropout: never the same stream twice.
        Stream::Shuffle(epoch) => 2 + 2 * epoch,
        Stream::Dropout(step) => 3 + 2 * step,
    });
    rng
}

/// The generator of one sampling of text (`Trainer::generate`), from the caller's seed: a seed
/// past any config's (which are 32-bit), so it never repeats a training stream.
pub fn sampling_rng(seed: u32) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64((1 << 32) | u64::from(seed))
}
