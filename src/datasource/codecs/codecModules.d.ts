// The cornerstone codec packages ship Emscripten factories without type declarations.

/** Options every Emscripten module factory accepts (only the ones used here). */
interface EmscriptenModuleOptions {
  locateFile?: (file: string, prefix: string) => string;
  /** Where the module's stdout / stderr go (OpenJPEG logs every header it reads). */
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

/** An embind decoder object: its buffers live in the module's heap until `delete()`. */
interface WasmFrameDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): {
    width: number;
    height: number;
    bitsPerSample: number;
    componentCount: number;
    isSigned?: boolean;
  };
  delete(): void;
}

interface WasmCodecModule {
  getExceptionMessage?: (pointer: number) => string;
  JPEGDecoder?: new () => WasmFrameDecoder;
  JpegLSDecoder?: new () => WasmFrameDecoder;
  J2KDecoder?: new () => WasmFrameDecoder;
  HTJ2KDecoder?: new () => WasmFrameDecoder;
}

type WasmCodecFactory = (options?: EmscriptenModuleOptions) => Promise<WasmCodecModule>;

declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: WasmCodecFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: WasmCodecFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: WasmCodecFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjph/wasmjs' {
  const factory: WasmCodecFactory;
  export default factory;
}
