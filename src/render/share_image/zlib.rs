//! The zlib stream of PNG scanlines in which most rows repeat the row above,
//! as a share card's do: such a row is coded as copies of the row before
//! (one token per 258 bytes) without looking at its bytes, and only new rows
//! are searched for copies, at two distances (the byte before and the row
//! above). A general compressor reads every byte of the 190 KB image and
//! searches its hash chains: `png`'s best level took 1.6 ms a card, this
//! 0.08 ms, for 1.65 KB instead of 1.40 (RFC 1950 and 1951).

/// One LZ77 token: a literal byte, or `len` bytes copied from `dist` back.
#[derive(Clone, Copy)]
enum Token {
    Literal(u8),
    Copy { len: u16, dist: u16 },
}

/// The longest and shortest copy deflate can code.
const MAX_COPY: usize = 258;
const MIN_COPY: usize = 3;

/// The zlib stream of `rows` (packed pixels, all of one length) as PNG
/// scanlines with filter type 0: one dynamic-Huffman deflate block.
pub fn scanlines(rows: &[&[u8]]) -> Vec<u8> {
    let stride = rows.first().map_or(1, |row| row.len() + 1);
    let mut tokens = Vec::new();
    let mut checksum = Adler32::default();
    let mut repeated = 0;
    let mut line = Vec::with_capacity(2 * stride);
    let mut line_sums = LineSums::default();
    for (y, row) in rows.iter().enumerate() {
        if y > 0 && rows[y - 1] == *row {
            repeated += stride;
        } else {
            push_copies(&mut tokens, repeated, stride);
            repeated = 0;
            // The row above, then this one: copies may reach back into it.
            line.drain(..line.len().saturating_sub(stride));
            let start = line.len();
            line.push(0);
            line.extend_from_slice(row);
            push_searched(&mut tokens, &line, start, stride);
            line_sums = LineSums::of(&line[start..]);
        }
        checksum.add(&line_sums);
    }
    push_copies(&mut tokens, repeated, stride);
    let mut stream = vec![0x78, 0x01];
    stream.extend(deflate_block(&tokens));
    stream.extend(checksum.value().to_be_bytes());
    stream
}

/// `bytes` copied from `dist` back, as copies of at most `MAX_COPY` bytes
/// (none shorter than `MIN_COPY`: `dist` is at least that).
fn push_copies(tokens: &mut Vec<Token>, mut bytes: usize, dist: usize) {
    while bytes > 0 {
        let len = if bytes > MAX_COPY && bytes - MAX_COPY < MIN_COPY {
            bytes - MIN_COPY
        } else {
            bytes.min(MAX_COPY)
        };
        tokens.push(Token::Copy {
            len: len as u16,
            dist: dist as u16,
        });
        bytes -= len;
    }
}

/// Tokens for `line[start..]`, each position copying from one byte back
/// or one row back when that repeats at least `MIN_COPY` bytes (greedy).
fn push_searched(tokens: &mut Vec<Token>, line: &[u8], start: usize, stride: usize) {
    let mut i = start;
    while i < line.len() {
        let (len, dist) = [1, stride]
            .into_iter()
            .filter(|&dist| dist <= i)
            .map(|dist| (common_prefix(&line[i - dist..], &line[i..]), dist))
            .fold((0, 0), |best, found| if found.0 > best.0 { found } else { best });
        if len >= MIN_COPY {
            tokens.push(Token::Copy {
                len: len as u16,
                dist: dist as u16,
            });
            i += len;
        } else {
            tokens.push(Token::Literal(line[i]));
            i += 1;
        }
    }
}

/// How many leading bytes of `earlier` and `here` agree, at most
/// `MAX_COPY`. `earlier` starts before `here` in the same line and runs on
/// into it, as an overlapping deflate copy reads.
fn common_prefix(earlier: &[u8], here: &[u8]) -> usize {
    let max = here.len().min(MAX_COPY);
    let mut n = 0;
    while n + 8 <= max {
        let word = |bytes: &[u8]| u64::from_le_bytes(bytes[n..n + 8].try_into().expect("8 bytes"));
        let differing = word(earlier) ^ word(here);
        if differing != 0 {
            return n + (differing.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + earlier[n..]
        .iter()
        .zip(&here[n..max])
        .take_while(|(a, b)| a == b)
        .count()
}

/// The running Adler-32 of the stream's bytes.
struct Adler32 {
    a: u64,
    b: u64,
}

/// What one scanline adds to an Adler-32: its length, its byte sum and
/// its bytes weighted by how many sums each enters (the first byte all of
/// them), so a repeated line is added without reading it again.
#[derive(Default)]
struct LineSums {
    len: u64,
    sum: u64,
    weighted: u64,
}

const ADLER_MODULUS: u64 = 65_521;

impl LineSums {
    fn of(line: &[u8]) -> Self {
        let len = line.len() as u64;
        let (sum, weighted) = line
            .iter()
            .enumerate()
            .fold((0, 0), |(sum, weighted), (i, &byte)| {
                (
                    sum + u64::from(byte),
                    weighted + (len - i as u64) * u64::from(byte),
                )
            });
        LineSums {
            len,
            sum: sum % ADLER_MODULUS,
            weighted: weighted % ADLER_MODULUS,
        }
    }
}

impl Default for Adler32 {
    fn default() -> Self {
        Adler32 { a: 1, b: 0 }
    }
}

impl Adler32 {
    fn add(&mut self, line: &LineSums) {
        self.b = (self.b + line.len % ADLER_MODULUS * self.a + line.weighted) % ADLER_MODULUS;
        self.a = (self.a + line.sum) % ADLER_MODULUS;
    }

    fn value(&self) -> u32 {
        (self.b << 16 | self.a) as u32
    }
}

// Deflate's length and distance codes: base value and extra bits of each
// symbol (RFC 1951, 3.2.5).
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
    227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
    4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
/// The order in which the code-length alphabet's lengths are sent.
const CODE_LENGTH_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const END_OF_BLOCK: usize = 256;
const FIRST_LENGTH_SYMBOL: usize = 257;

/// The symbol whose base is the largest not above `value`, and the extra
/// bits' value and count.
fn symbol_of(bases: &[u16], extra: &[u8], value: u16) -> (usize, u32, u32) {
    let symbol = bases.partition_point(|&base| base <= value) - 1;
    (symbol, u32::from(value - bases[symbol]), u32::from(extra[symbol]))
}

/// A deflate alphabet's code: each symbol's length and bit-reversed code.
struct Code {
    lengths: Vec<u8>,
    codes: Vec<u16>,
}

impl Code {
    /// The Huffman code of `counts`, no code longer than `limit` bits.
    fn new(counts: &[u32], limit: u8) -> Self {
        let lengths = limited_lengths(counts, limit);
        let codes = canonical_codes(&lengths);
        Code { lengths, codes }
    }

    fn write(&self, bits: &mut Bits, symbol: usize) {
        bits.put(u32::from(self.codes[symbol]), u32::from(self.lengths[symbol]));
    }

    /// How many lengths must be sent: up to the last used symbol, at least `min`.
    fn used(&self, min: usize) -> usize {
        self.lengths
            .iter()
            .rposition(|&length| length > 0)
            .map_or(0, |last| last + 1)
            .max(min)
    }
}

/// Huffman code lengths of `counts`, none longer than `limit`: while the
/// tree is too deep, the counts are halved (rounding up, so no used symbol
/// is lost), which flattens it.
fn limited_lengths(counts: &[u32], limit: u8) -> Vec<u8> {
    let mut counts = counts.to_vec();
    loop {
        let lengths = huffman_lengths(&counts);
        if lengths.iter().all(|&length| length <= limit) {
            return lengths;
        }
        for count in counts.iter_mut() {
            *count = count.div_ceil(2);
        }
    }
}

/// Huffman code lengths of `counts` (0 for an unused symbol; a lone used
/// symbol gets one bit, as a decoder needs a complete-enough code).
fn huffman_lengths(counts: &[u32]) -> Vec<u8> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let used: Vec<usize> = (0..counts.len()).filter(|&symbol| counts[symbol] > 0).collect();
    let mut lengths = vec![0; counts.len()];
    if let [only] = used[..] {
        lengths[only] = 1;
        return lengths;
    }
    // Leaves are nodes 0..used.len(), merged nodes follow; each node's parent.
    let mut parents = vec![usize::MAX; used.len()];
    let mut heap: BinaryHeap<Reverse<(u64, usize)>> = used
        .iter()
        .enumerate()
        .map(|(node, &symbol)| Reverse((u64::from(counts[symbol]), node)))
        .collect();
    while let (Some(Reverse((weight_a, a))), Some(Reverse((weight_b, b)))) = (heap.pop(), heap.pop()) {
        let merged = parents.len();
        parents.push(usize::MAX);
        parents[a] = merged;
        parents[b] = merged;
        heap.push(Reverse((weight_a + weight_b, merged)));
    }
    // Parents come after their children, so depths fill in from the root.
    let mut depths = vec![0u8; parents.len()];
    for node in (0..parents.len()).rev() {
        if let Some(&parent_depth) = depths.get(parents[node]) {
            depths[node] = parent_depth + 1;
        }
    }
    for (node, &symbol) in used.iter().enumerate() {
        lengths[symbol] = depths[node];
    }
    lengths
}

/// Canonical Huffman codes for `lengths` (RFC 1951, 3.2.2), bit-reversed
/// because deflate sends codes from their first bit into the low bits.
fn canonical_codes(lengths: &[u8]) -> Vec<u16> {
    let mut per_length = [0u16; 16];
    for &length in lengths.iter().filter(|&&length| length > 0) {
        per_length[usize::from(length)] += 1;
    }
    let mut next = [0u16; 16];
    for bits in 1..16 {
        next[bits] = (next[bits - 1] + per_length[bits - 1]) << 1;
    }
    lengths
        .iter()
        .map(|&length| {
            if length == 0 {
                return 0;
            }
            let code = next[usize::from(length)];
            next[usize::from(length)] += 1;
            code.reverse_bits() >> (16 - length)
        })
        .collect()
}

/// Bits packed from the low end of each byte, as deflate wants them.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    pending: u64,
    count: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        self.pending |= u64::from(value) << self.count;
        self.count += count;
        while self.count >= 8 {
            self.bytes.push(self.pending as u8);
            self.pending >>= 8;
            self.count -= 8;
        }
    }

    fn into_bytes(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.bytes.push(self.pending as u8);
        }
        self.bytes
    }
}

/// A code-length symbol with its extra bits' value and count: a length,
/// 16 (the last length 3–6 times more), 17 (3–10 zeros), 18 (11–138 zeros).
type LengthRun = (usize, u32, u32);

fn length_runs(lengths: &[u8]) -> Vec<LengthRun> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < lengths.len() {
        let length = lengths[i];
        let run = lengths[i..].iter().take_while(|&&next| next == length).count();
        let taken = match (length, run) {
            (0, 11..) => {
                let zeros = run.min(138);
                runs.push((18, (zeros - 11) as u32, 7));
                zeros
            }
            (0, 3..) => {
                runs.push((17, (run - 3) as u32, 3));
                run
            }
            (_, 4..) => {
                let repeats = (run - 1).min(6);
                runs.push((usize::from(length), 0, 0));
                runs.push((16, (repeats - 3) as u32, 2));
                1 + repeats
            }
            _ => {
                runs.push((usize::from(length), 0, 0));
                1
            }
        };
        i += taken;
    }
    runs
}

/// `tokens` as the last (only) deflate block, with Huffman codes made for them.
fn deflate_block(tokens: &[Token]) -> Vec<u8> {
    let mut literal_counts = [0u32; 286];
    let mut distance_counts = [0u32; 30];
    literal_counts[END_OF_BLOCK] = 1;
    for &token in tokens {
        match token {
            Token::Literal(byte) => literal_counts[usize::from(byte)] += 1,
            Token::Copy { len, dist } => {
                literal_counts[FIRST_LENGTH_SYMBOL + symbol_of(&LENGTH_BASE, &LENGTH_EXTRA, len).0] += 1;
                distance_counts[symbol_of(&DISTANCE_BASE, &DISTANCE_EXTRA, dist).0] += 1;
            }
        }
    }
    if distance_counts.iter().all(|&count| count == 0) {
        distance_counts[0] = 1;
    }
    let literals = Code::new(&literal_counts, 15);
    let distances = Code::new(&distance_counts, 15);
    let (literals_sent, distances_sent) = (literals.used(257), distances.used(1));
    let runs = length_runs(
        &[
            &literals.lengths[..literals_sent],
            &distances.lengths[..distances_sent],
        ]
        .concat(),
    );
    let mut run_counts = [0u32; 19];
    for &(symbol, ..) in &runs {
        run_counts[symbol] += 1;
    }
    let run_code = Code::new(&run_counts, 7);
    let run_lengths_sent = CODE_LENGTH_ORDER
        .iter()
        .rposition(|&symbol| run_code.lengths[symbol] > 0)
        .map_or(0, |last| last + 1)
        .max(4);

    let mut bits = Bits::default();
    bits.put(1, 1); // the last block
    bits.put(2, 2); // dynamic Huffman codes
    bits.put((literals_sent - 257) as u32, 5);
    bits.put((distances_sent - 1) as u32, 5);
    bits.put((run_lengths_sent - 4) as u32, 4);
    for &symbol in &CODE_LENGTH_ORDER[..run_lengths_sent] {
        bits.put(u32::from(run_code.lengths[symbol]), 3);
    }
    for &(symbol, extra, extra_bits) in &runs {
        run_code.write(&mut bits, symbol);
        bits.put(extra, extra_bits);
    }
    for &token in tokens {
        match token {
            Token::Literal(byte) => literals.write(&mut bits, usize::from(byte)),
            Token::Copy { len, dist } => {
                let (symbol, extra, extra_bits) = symbol_of(&LENGTH_BASE, &LENGTH_EXTRA, len);
                literals.write(&mut bits, FIRST_LENGTH_SYMBOL + symbol);
                bits.put(extra, extra_bits);
                let (symbol, extra, extra_bits) = symbol_of(&DISTANCE_BASE, &DISTANCE_EXTRA, dist);
                distances.write(&mut bits, symbol);
                bits.put(extra, extra_bits);
            }
        }
    }
    literals.write(&mut bits, END_OF_BLOCK);
    bits.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflate(stream: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec_zlib(stream).expect("a valid zlib stream")
    }

    fn scanline_bytes(rows: &[&[u8]]) -> Vec<u8> {
        rows.iter()
            .flat_map(|row| std::iter::once(0).chain(row.iter().copied()))
            .collect()
    }

    #[test]
    fn repeated_new_and_random_rows_come_back_as_written() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut random = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        };
        let noise: Vec<u8> = (0..300).map(|_| random()).collect();
        let few: Vec<u8> = (0..300).map(|_| random() & 3).collect();
        let zeros = vec![0u8; 300];
        let runs: Vec<u8> = (0..300).map(|i| [0x55, 0xaa][i / 7 % 2]).collect();
        let rows: Vec<&[u8]> = [&zeros, &zeros, &runs, &runs, &runs, &noise, &few, &few, &zeros]
            .into_iter()
            .cycle()
            .take(200)
            .map(Vec::as_slice)
            .collect();
        assert_eq!(inflate(&scanlines(&rows)), scanline_bytes(&rows));
    }

    #[test]
    fn one_row_and_short_rows_come_back_as_written() {
        for rows in [
            vec![&[7u8][..]],
            vec![&[1, 2][..]; 1000],
            vec![&[9, 9, 9, 9][..], &[9, 9, 9, 8][..]],
        ] {
            assert_eq!(inflate(&scanlines(&rows)), scanline_bytes(&rows));
        }
    }

    #[test]
    fn the_checksum_is_adler_32() {
        // The check value of "Wikipedia", from RFC 1950's example sums.
        let mut checksum = Adler32::default();
        checksum.add(&LineSums::of(b"Wikipedia"));
        assert_eq!(checksum.value(), 0x11E6_0398);
    }

    #[test]
    fn deep_trees_are_limited() {
        let fibonacci: Vec<u32> = (0..30)
            .scan((1u32, 1u32), |(a, b), _| {
                let next = *a;
                (*a, *b) = (*b, *a + *b);
                Some(next)
            })
            .collect();
        let lengths = limited_lengths(&fibonacci, 15);
        assert!(
            lengths.iter().all(|&length| (1..=15).contains(&length)),
            "{lengths:?}"
        );
        let kraft: f64 = lengths.iter().map(|&length| 0.5f64.powi(i32::from(length))).sum();
        assert!(kraft <= 1.0);
    }
}
