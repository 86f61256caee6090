/**
 * Labelmap RLE, version 1: "LMR1", uint32 LE voxel count, then runs of (value byte, run length
 * as unsigned LEB128 ≥ 1). The header lets a decoder refuse foreign or truncated bytes early.
 */
export const RLE_MAGIC = [0x4c, 0x4d, 0x52, 0x31] as const;
export const RLE_HEADER_BYTES = 8;
/** LEB128 bytes needed for a 32-bit length. */
export const RLE_MAX_VARINT_BYTES = 5;
