import libjpegTurbo from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url';
import charls from '@cornerstonejs/codec-charls/decodewasm?url';
import openjpeg from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import openjph from '@cornerstonejs/codec-openjph/wasm?url';
import type { WasmCodecName } from './createCodecDecoders';

/** The codecs' .wasm files as Vite emits them, for the Emscripten factories' `locateFile`. */
export const CODEC_WASM_URLS: Readonly<Record<WasmCodecName, string>> = {
  'libjpeg-turbo-8bit': libjpegTurbo,
  charls,
  openjpeg,
  openjph,
};
