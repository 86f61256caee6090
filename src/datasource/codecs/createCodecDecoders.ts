import type { Decoder as LosslessDecoder } from '@cornerstonejs/jpeg-lossless-decoder-js';
import { IngestFailure } from '../../dicom/toIngestError';
import {
  checkCodestreamSize,
  withEndOfImage,
  type CodestreamKind,
} from '../../dicom/codecs/readCodestreamSize';
import type {
  DecodedFrame,
  FrameDecodeInfo,
  FrameDecoder,
  FrameDecoderRegistry,
} from '../../dicom/types';

/** The WebAssembly codecs (cornerstone's builds of libjpeg-turbo, CharLS, OpenJPEG, OpenJPH). */
export type WasmCodecName = 'libjpeg-turbo-8bit' | 'charls' | 'openjpeg' | 'openjph';
type CodecName = WasmCodecName | 'jpeg-lossless';

/** Which codec decodes which transfer syntax (PS3.5 Table A-1 / 10.1). */
const CODEC_OF_SYNTAX: Readonly<Record<string, CodecName>> = {
  '1.2.840.10008.1.2.4.50': 'libjpeg-turbo-8bit',
  '1.2.840.10008.1.2.4.51': 'libjpeg-turbo-8bit',
  '1.2.840.10008.1.2.4.57': 'jpeg-lossless',
  '1.2.840.10008.1.2.4.70': 'jpeg-lossless',
  '1.2.840.10008.1.2.4.80': 'charls',
  '1.2.840.10008.1.2.4.81': 'charls',
  '1.2.840.10008.1.2.4.90': 'openjpeg',
  '1.2.840.10008.1.2.4.91': 'openjpeg',
  '1.2.840.10008.1.2.4.201': 'openjph',
  '1.2.840.10008.1.2.4.202': 'openjph',
  '1.2.840.10008.1.2.4.203': 'openjph',
};

const LABEL: Readonly<Record<CodecName, string>> = {
  'libjpeg-turbo-8bit': 'JPEG (libjpeg-turbo)',
  charls: 'JPEG-LS (CharLS)',
  openjpeg: 'JPEG 2000 (OpenJPEG)',
  openjph: 'HTJ2K (OpenJPH)',
  'jpeg-lossless': 'JPEG Lossless',
};

/** The transfer syntaxes this module can decode. */
export const CODEC_TRANSFER_SYNTAXES: readonly string[] = Object.keys(CODEC_OF_SYNTAX);

export interface CodecDecodersOptions {
  /**
   * Emscripten options for a codec, e.g. `locateFile` pointing at the bundled .wasm. Node finds
   * the .wasm beside the package's script by itself, so there it may return `{}`.
   */
  readonly moduleOptions?: (codec: WasmCodecName) => EmscriptenModuleOptions;
}

export interface CodecDecoders {
  /**
   * Loads (once) the codecs the given transfer syntaxes need and registers their decoders in
   * `registry`. A codec whose module trapped or aborted on a frame is loaded afresh here, so a
   * corrupt frame never leaves a broken module behind for the next series. Rejects with DECODE_FAILED when a codec
   * cannot be loaded.
   */
  prepare(transferSyntaxUids: Iterable<string>, registry: FrameDecoderRegistry): Promise<void>;
}

function importFactory(codec: WasmCodecName): Promise<WasmCodecFactory> {
  switch (codec) {
    case 'libjpeg-turbo-8bit':
      return import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs').then((m) => m.default);
    case 'charls':
      return import('@cornerstonejs/codec-charls/decodewasmjs').then((m) => m.default);
    case 'openjpeg':
      return import('@cornerstonejs/codec-openjpeg/decodewasmjs').then((m) => m.default);
    case 'openjph':
      return import('@cornerstonejs/codec-openjph/wasmjs').then((m) => m.default);
  }
}

const CODESTREAM: Readonly<Record<CodecName, CodestreamKind>> = {
  'libjpeg-turbo-8bit': 'jpeg',
  charls: 'jpeg',
  'jpeg-lossless': 'jpeg',
  openjpeg: 'j2k',
  openjph: 'j2k',
};

const DECODER_CLASS: Readonly<Record<WasmCodecName, keyof WasmCodecModule>> = {
  'libjpeg-turbo-8bit': 'JPEGDecoder',
  charls: 'JpegLSDecoder',
  openjpeg: 'J2KDecoder',
  openjph: 'HTJ2KDecoder',
};

function describeThrown(thrown: unknown, module: WasmCodecModule | null): string {
  // Emscripten throws C++ exceptions as heap pointers; the module can name them.
  if (typeof thrown === 'number' && module?.getExceptionMessage) {
    try {
      return module.getExceptionMessage(thrown);
    } catch {
      return `exception ${thrown}`;
    }
  }
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/** Samples in their natural type: 16-bit words when the codec reports more than 8 bits. */
function typedSamples(bytes: Uint8Array, bitsPerSample: number): DecodedFrame {
  return bitsPerSample > 8 ? new Uint16Array(bytes.buffer, 0, bytes.byteLength >> 1) : bytes;
}

function checkGeometry(
  label: string,
  info: FrameDecodeInfo,
  frame: { width: number; height: number; componentCount: number },
): void {
  if (frame.width !== info.columns || frame.height !== info.rows) {
    throw new IngestFailure(
      'DECODE_FAILED',
      `${label}: the frame is ${frame.width}×${frame.height}, the header says ${info.columns}×${info.rows}`,
    );
  }
  if (frame.componentCount !== info.samplesPerPixel) {
    throw new IngestFailure(
      'DECODE_FAILED',
      `${label}: the frame has ${frame.componentCount} components, the header says ${info.samplesPerPixel}`,
    );
  }
}

// The codecs' log lines (OpenJPEG prints every header) carry nothing a reader needs.
const QUIET: EmscriptenModuleOptions = { print: () => undefined, printErr: () => undefined };

interface LoadedWasm {
  module: WasmCodecModule | null;
  loading: Promise<WasmCodecModule> | null;
}

/**
 * Frame decoders for the compressed transfer syntaxes, over cornerstone's WebAssembly codec
 * builds (loaded on first need) and jpeg-lossless-decoder-js. Each frame gets its own decoder
 * object, deleted afterwards, and every failure is an IngestFailure with code DECODE_FAILED
 * naming the codec.
 */
export function createCodecDecoders(options: CodecDecodersOptions = {}): CodecDecoders {
  const wasm = new Map<WasmCodecName, LoadedWasm>();
  let losslessDecoder: typeof LosslessDecoder | null = null;

  const load = (codec: WasmCodecName): Promise<WasmCodecModule> => {
    let entry = wasm.get(codec);
    if (!entry) {
      entry = { module: null, loading: null };
      wasm.set(codec, entry);
    }
    if (entry.module) return Promise.resolve(entry.module);
    if (entry.loading) return entry.loading;
    const target = entry;
    target.loading = importFactory(codec)
      .then((factory) => factory({ ...QUIET, ...options.moduleOptions?.(codec) }))
      .then(
        (module) => {
          target.module = module;
          target.loading = null;
          return module;
        },
        (thrown: unknown) => {
          target.loading = null;
          throw new IngestFailure(
            'DECODE_FAILED',
            `${LABEL[codec]} could not be loaded: ${describeThrown(thrown, null)}`,
          );
        },
      );
    return target.loading;
  };

  const wasmDecoder =
    (codec: WasmCodecName): FrameDecoder =>
    (stored, info) => {
      const frameBytes = CODESTREAM[codec] === 'jpeg' ? withEndOfImage(stored) : stored;
      const entry = wasm.get(codec);
      const module = entry?.module;
      const Decoder = module?.[DECODER_CLASS[codec]] as (new () => WasmFrameDecoder) | undefined;
      if (!entry || !module || !Decoder) {
        throw new IngestFailure('DECODE_FAILED', `${LABEL[codec]} is not loaded`);
      }
      if (codec === 'libjpeg-turbo-8bit' && info.bitsAllocated > 8) {
        throw new IngestFailure(
          'UNSUPPORTED_PIXEL_FORMAT',
          `${LABEL[codec]}: ${info.bitsStored}-bit JPEG Extended frames are not decoded (8-bit only)`,
        );
      }
      checkCodestreamSize(CODESTREAM[codec], frameBytes, info, LABEL[codec]);
      let decoder: WasmFrameDecoder | null = null;
      try {
        decoder = new Decoder();
        decoder.getEncodedBuffer(frameBytes.length).set(frameBytes);
        decoder.decode();
        const frame = decoder.getFrameInfo();
        checkGeometry(LABEL[codec], info, frame);
        // The decoded buffer is a view of the module's heap: copy it out before deleting.
        return typedSamples(decoder.getDecodedBuffer().slice(), frame.bitsPerSample);
      } catch (thrown) {
        if (thrown instanceof IngestFailure) throw thrown;
        // A C++ exception (a number) leaves the module usable; a trap or abort does not: that
        // module is dropped and `prepare` loads a fresh one before the next series.
        if (thrown instanceof WebAssembly.RuntimeError) entry.module = null;
        throw new IngestFailure(
          'DECODE_FAILED',
          `${LABEL[codec]} could not decode the frame: ${describeThrown(thrown, module)}`,
        );
      } finally {
        try {
          decoder?.delete();
        } catch {
          // A module that failed mid-decode may refuse this too; it is dropped above.
        }
      }
    };

  const decodeJpegLossless: FrameDecoder = (stored, info) => {
    const frameBytes = withEndOfImage(stored);
    if (!losslessDecoder) throw new IngestFailure('DECODE_FAILED', 'JPEG Lossless is not loaded');
    checkCodestreamSize('jpeg', frameBytes, info, LABEL['jpeg-lossless']);
    let decoded: Uint8Array | Uint16Array;
    try {
      const copy = frameBytes.slice();
      decoded = new losslessDecoder().decode(
        copy.buffer,
        0,
        copy.byteLength,
        info.bitsAllocated <= 8 ? 1 : 2,
      );
    } catch (thrown) {
      throw new IngestFailure(
        'DECODE_FAILED',
        `${LABEL['jpeg-lossless']} could not decode the frame: ${describeThrown(thrown, null)}`,
      );
    }
    const expected = info.rows * info.columns * info.samplesPerPixel;
    if (!decoded || decoded.length < expected) {
      throw new IngestFailure(
        'DECODE_FAILED',
        `${LABEL['jpeg-lossless']}: ${decoded?.length ?? 0} samples decoded, ${expected} expected`,
      );
    }
    return decoded;
  };

  return {
    async prepare(transferSyntaxUids, registry) {
      for (const uid of new Set(transferSyntaxUids)) {
        const codec = CODEC_OF_SYNTAX[uid];
        if (!codec) continue;
        if (codec === 'jpeg-lossless') {
          if (!losslessDecoder) {
            try {
              losslessDecoder = (await import('@cornerstonejs/jpeg-lossless-decoder-js')).Decoder;
            } catch (thrown) {
              throw new IngestFailure(
                'DECODE_FAILED',
                `${LABEL[codec]} could not be loaded: ${describeThrown(thrown, null)}`,
              );
            }
          }
          registry.register(uid, decodeJpegLossless);
          continue;
        }
        await load(codec);
        registry.register(uid, wasmDecoder(codec));
      }
    },
  };
}
