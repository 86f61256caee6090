import { decodeRleFrame, RLE_LOSSLESS } from './decodeRleFrame.ts';
import type { FrameDecoder, FrameDecoderRegistry } from './types.ts';

/** Names for messages; the UID is always given too. */
const TRANSFER_SYNTAX_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.201': 'HTJ2K Lossless',
  '1.2.840.10008.1.2.4.202': 'HTJ2K Lossless RPCL',
  '1.2.840.10008.1.2.4.203': 'HTJ2K',
  [RLE_LOSSLESS]: 'RLE Lossless',
};

export function describeTransferSyntax(uid: string): string {
  const name = TRANSFER_SYNTAX_NAMES[uid];
  return name ? `${name} (${uid})` : uid;
}

/** A registry with RLE Lossless built in; the browser adds cornerstone's codecs to it. */
export function createFrameDecoderRegistry(): FrameDecoderRegistry {
  const decoders = new Map<string, FrameDecoder>([[RLE_LOSSLESS, decodeRleFrame]]);
  return {
    register: (uid, decode) => void decoders.set(uid, decode),
    get: (uid) => decoders.get(uid),
  };
}

// The process-wide registry `assembleVolume` uses unless given another: codecs are registered
// once at worker start-up, so threading a registry through every call would only add noise.
const defaultRegistry = createFrameDecoderRegistry();

export function getDefaultFrameDecoders(): FrameDecoderRegistry {
  return defaultRegistry;
}

/** Registers a decoder for a compressed transfer syntax in the default registry. */
export function registerFrameDecoder(transferSyntaxUid: string, decode: FrameDecoder): void {
  defaultRegistry.register(transferSyntaxUid, decode);
}
