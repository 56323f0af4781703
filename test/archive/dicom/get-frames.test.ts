import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';

import {
  FrameAccessError,
  getFrames,
  type ParsedInstance,
  parseInstance,
} from '@/server/archive/dicom/index.js';

import { readOrthancCapture, readTestFile, testFilePath } from './support/dicom-test-data.js';
import {
  element,
  encapsulatedPixelData,
  imageDataSet,
  part10,
  TEST_UIDS,
} from './support/synthetic-dicom.js';

/**
 * Frames are checked against dicomParser (an independent reader) and against each other:
 * the same image stored fragmented and unfragmented, or big and little endian, must give
 * the same frames.
 */

const MULTI_FRAME = 'dicomparser/testImages/encapsulated/multi-frame/';
const SINGLE_FRAME = 'dicomparser/testImages/encapsulated/single-frame/';

function load(relativePath: string): { bytes: Buffer; parsed: ParsedInstance } {
  const bytes = readTestFile(relativePath);
  return { bytes, parsed: parseInstance(bytes) };
}

function allFrames(relativePath: string): Uint8Array[] {
  const { bytes, parsed } = load(relativePath);
  const numbers = Array.from({ length: parsed.frameCount }, (_, i) => i + 1);
  return getFrames(bytes, parsed, numbers);
}

const hex = (frames: Uint8Array[]) => frames.map((frame) => Buffer.from(frame).toString('hex'));

/** dicomParser's frames: its own offset table, or one it builds from JPEG markers. */
function dicomParserFrames(relativePath: string, frameCount: number): Uint8Array[] {
  const bytes = readTestFile(relativePath);
  const dataSet = dicomParser.parseDicom(bytes);
  const pixelData = dataSet.elements.x7fe00010!;

  if (!pixelData.encapsulatedPixelData) {
    const frameLength = pixelData.length / frameCount;
    return Array.from({ length: frameCount }, (_, i) => {
      const start = pixelData.dataOffset + i * frameLength;
      return bytes.subarray(start, start + frameLength);
    });
  }

  const fragments = pixelData.fragments!;
  if (pixelData.basicOffsetTable!.length === 0 && fragments.length === frameCount) {
    return fragments.map((_, i) =>
      dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, pixelData, i, 1),
    );
  }
  const offsets =
    pixelData.basicOffsetTable!.length > 0
      ? pixelData.basicOffsetTable!
      : dicomParser.createJPEGBasicOffsetTable(dataSet, pixelData);
  return Array.from({ length: frameCount }, (_, i) =>
    dicomParser.readEncapsulatedImageFrame(dataSet, pixelData, i, offsets),
  );
}

function swapBytes(frame: Uint8Array, width: number): Buffer {
  const swapped = Buffer.from(frame);
  if (width === 2) swapped.swap16();
  if (width === 4) swapped.swap32();
  return swapped;
}

describe('getFrames on native pixel data', () => {
  it('slices a single-frame CT without copying, as dicomParser and Orthanc see it', () => {
    const { bytes, parsed } = load('head-ct/CT0060.dcm');

    const [frame] = getFrames(bytes, parsed, [1]);

    expect(frame!.length).toBe(256 * 256 * 2);
    expect(frame!.buffer).toBe(bytes.buffer);
    expect(hex([frame!])).toEqual(hex(dicomParserFrames('head-ct/CT0060.dcm', 1)));
    // Orthanc's WADO-RS answer for this frame (capture 25) shows its first bytes, with
    // non-printable bytes as dots.
    const shown = Buffer.from(frame!.subarray(0, 40))
      .toString('latin1')
      .replace(/[^ -~]/g, '.');
    expect(shown).toBe('.."....... ..."................. ..."...');
  });

  it.each([
    ['transfer-syntaxes/explicit_little.dcm', 16, 64 * 64 * 2 * 8],
    [`${MULTI_FRAME}IM00001.implicit_little_endian.dcm`, 8, 230400],
    ['pydicom/test_files/rtdose.dcm', 15, 10 * 10 * 4],
    [`${MULTI_FRAME}CT0012.explicit_little_endian.dcm`, 2, 512 * 512 * 2],
  ])('slices every frame of %s', (file, frameCount, frameLength) => {
    const frames = allFrames(file);

    expect(frames).toHaveLength(frameCount);
    expect(frames.every((frame) => frame.length === frameLength)).toBe(true);
    expect(hex(frames)).toEqual(hex(dicomParserFrames(file, frameCount)));
  });

  it('returns big endian frames as stored: byte-swapped little endian ones', () => {
    const little = allFrames('pydicom/test_files/rtdose.dcm');
    const big = allFrames('pydicom/test_files/rtdose_expb.dcm');
    const ctLittle = allFrames('dicomparser/testImages/CT1_UNC.explicit_little_endian.dcm');
    const ctBig = allFrames('dicomparser/testImages/CT1_UNC.explicit_big_endian.dcm');

    expect(hex(big.map((frame) => swapBytes(frame, 4)))).toEqual(hex(little));
    expect(hex(ctBig.map((frame) => swapBytes(frame, 2)))).toEqual(hex(ctLittle));
  });

  it('slices a deflated image like its dcmconv-inflated explicit VR LE copy', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'archipel-dcmconv-'));
    try {
      const inflated = path.join(folder, 'inflated.dcm');
      const run = spawnSync('dcmconv', [
        '+te',
        testFilePath('pydicom/test_files/image_dfl.dcm'),
        inflated,
      ]);
      if (run.error || run.status !== 0) {
        throw new Error('dcmconv (dcmtk) failed or is missing; install dcmtk');
      }
      const copy = readFileSync(inflated);

      const [frame] = allFrames('pydicom/test_files/image_dfl.dcm');
      const [expected] = getFrames(copy, parseInstance(copy), [1]);

      expect(frame!.length).toBe(512 * 512);
      expect(Buffer.from(frame!).equals(Buffer.from(expected!))).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('re-packs 1-bit frames that start inside a byte, least significant bit first', () => {
    // Three 3x3 frames of 9 bits: frame n has pixels n-1 and 8 set.
    const bits = [0, 1, 2].flatMap((n) => Array.from({ length: 9 }, (_, i) => i === n || i === 8));
    const packed = new Uint8Array(4);
    bits.forEach((bit, i) => {
      if (bit) packed[i >> 3]! |= 1 << (i & 7);
    });
    const bytes = part10(
      '1.2.840.10008.1.2.1',
      TEST_UIDS.instance,
      imageDataSet({
        rows: 3,
        columns: 3,
        bitsAllocated: 1,
        frames: 3,
        pixelData: element(0x7fe00010, 'OB', packed),
      }),
    );

    const frames = getFrames(bytes, parseInstance(bytes), [1, 2, 3]);

    expect(frames.map((frame) => [...frame])).toEqual([
      [0b00000001, 0b1],
      [0b00000010, 0b1],
      [0b00000100, 0b1],
    ]);
  });
});

describe('getFrames on encapsulated pixel data', () => {
  it.each([
    [`${MULTI_FRAME}CT0012.not_fragmented_bot_jpeg_ls.80.dcm`, 2, 'Basic Offset Table'],
    [`${MULTI_FRAME}CT0012.not_fragmented_bot_rle.dcm`, 2, 'Basic Offset Table'],
    ['transfer-syntaxes/jpeg_baseline_8bit.dcm', 96, 'Basic Offset Table'],
    [`${MULTI_FRAME}CT0012.not_fragmented_no_bot_jpeg_ls.80.dcm`, 2, 'one fragment per frame'],
    [`${MULTI_FRAME}CT0012.not_fragmented_no_bot_rle.dcm`, 2, 'one fragment per frame'],
    ['pydicom/test_files/rtdose_rle.dcm', 15, 'one fragment per frame'],
    [`${MULTI_FRAME}IM00001.fragmented_no_bot_jpeg_baseline.50.dcm`, 8, 'JPEG markers'],
    [`${MULTI_FRAME}CT0012.fragmented_no_bot_jpeg_baseline.51.dcm`, 2, 'JPEG markers'],
    [`${MULTI_FRAME}CT0012.fragmented_no_bot_jpeg_lossless.57.dcm`, 2, 'JPEG markers'],
    [`${MULTI_FRAME}CT0012.fragmented_no_bot_jpeg_lossless.70.dcm`, 2, 'JPEG markers'],
    [`${MULTI_FRAME}CT0012.fragmented_no_bot_jpeg_ls.80.dcm`, 2, 'JPEG-LS markers'],
    [`${MULTI_FRAME}CT0012.fragmented_no_bot_jpeg_ls.81.dcm`, 2, 'JPEG-LS markers'],
  ])('cuts %s into %i frames by its %s, as dicomParser does', (file, frameCount) => {
    const frames = allFrames(file);

    expect(frames).toHaveLength(frameCount);
    expect(hex(frames)).toEqual(hex(dicomParserFrames(file, frameCount)));
  });

  it('gives the same frames for a fragmented and an unfragmented copy', () => {
    const fragmented = allFrames(`${MULTI_FRAME}CT0012.fragmented_no_bot_jpeg_ls.80.dcm`);
    const whole = allFrames(`${MULTI_FRAME}CT0012.not_fragmented_bot_jpeg_ls.80.dcm`);
    const singleFragmented = allFrames(`${SINGLE_FRAME}CT1_UNC.fragmented_bot_jpeg_ls.80.dcm`);
    const singleWhole = allFrames(`${SINGLE_FRAME}CT1_UNC.not_fragmented_no_bot_jpeg_ls.80.dcm`);

    expect(hex(fragmented)).toEqual(hex(whole));
    expect(
      load(`${SINGLE_FRAME}CT1_UNC.fragmented_bot_jpeg_ls.80.dcm`).parsed.pixelData!.fragments,
    ).toHaveLength(21);
    expect(hex(singleFragmented)).toEqual(hex(singleWhole));
  });

  it('returns a frame held in one fragment as a view of the stored bytes', () => {
    const { bytes, parsed } = load(`${MULTI_FRAME}CT0012.not_fragmented_bot_jpeg_ls.80.dcm`);

    const [frame] = getFrames(bytes, parsed, [2]);

    expect(frame!.buffer).toBe(bytes.buffer);
    expect([frame![0], frame![1]]).toEqual([0xff, 0xd8]);
  });

  it('serves the JPEG-LS frame Orthanc serves for the same instance', () => {
    // Capture 26 shows only the multipart body length. Its framing differs from capture 25
    // (same boundary and URL lengths, 131072-byte frame) only in the part's Content-Type
    // and in the Content-Length digits, which gives the frame length.
    const bodyLength = (file: string) =>
      Number(/--- body \((\d+) bytes\)/.exec(readOrthancCapture(file))![1]);
    const framing25 = bodyLength('25_wado_frame_uncompressed.txt') - 131072;
    const framing26 =
      framing25 -
      'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1'.length +
      'image/jls; transfer-syntax=1.2.840.10008.1.2.4.80'.length -
      1;

    const [frame] = allFrames('head-ct-compressed/jpegls-lossless/CT0060.dcm');

    expect(frame!.length).toBe(bodyLength('26_wado_frame_of_jpegls_native.txt') - framing26);
  });

  it('follows the Extended Offset Table when fragments carry no markers', () => {
    const fragments = [Buffer.alloc(6, 1), Buffer.alloc(4, 2), Buffer.alloc(2, 3)];
    const offsets = (values: number[]) => {
      const table = Buffer.alloc(values.length * 8);
      values.forEach((value, i) => table.writeBigUInt64LE(BigInt(value), i * 8));
      return table;
    };
    const bytes = part10(
      '1.2.840.10008.1.2.4.80',
      TEST_UIDS.instance,
      imageDataSet({
        rows: 2,
        columns: 2,
        bitsAllocated: 8,
        frames: 2,
        extra: [
          element(0x7fe00001, 'OV', offsets([0, 8 + 6])),
          element(0x7fe00002, 'OV', offsets([6, 4 + 8 + 2])),
        ],
        pixelData: encapsulatedPixelData([], fragments),
      }),
    );

    const frames = getFrames(bytes, parseInstance(bytes), [1, 2]);

    expect(hex(frames)).toEqual(['010101010101', '0202020203' + '03']);
  });

  it('groups several fragments into one frame through the Basic Offset Table', () => {
    const fragments = [Buffer.alloc(2, 1), Buffer.alloc(2, 2), Buffer.alloc(2, 3)];
    const bytes = part10(
      '1.2.840.10008.1.2.5',
      TEST_UIDS.instance,
      imageDataSet({
        rows: 2,
        columns: 2,
        bitsAllocated: 8,
        frames: 2,
        pixelData: encapsulatedPixelData([0, 20], fragments),
      }),
    );

    const frames = getFrames(bytes, parseInstance(bytes), [2, 1]);

    expect(hex(frames)).toEqual(['0303', '01010202']);
  });
});

describe('getFrames refuses', () => {
  it.each([0, 3, 1.5, -1])('frame %s of a 2-frame instance, naming frame and instance', (n) => {
    const { bytes, parsed } = load(`${MULTI_FRAME}CT0012.not_fragmented_bot_rle.dcm`);

    const attempt = () => getFrames(bytes, parsed, [1, n]);

    expect(attempt).toThrow(FrameAccessError);
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'frame-out-of-range',
        frameNumber: n,
        sopInstanceUID: parsed.SOPInstanceUID,
        message: expect.stringContaining(
          `Frame ${n} does not exist in instance ${parsed.SOPInstanceUID}`,
        ),
      }),
    );
  });

  it('an instance without Pixel Data', () => {
    const { bytes, parsed } = load('pydicom/test_files/rtplan.dcm');

    expect(() => getFrames(bytes, parsed, [1])).toThrow(
      expect.objectContaining({ code: 'no-pixel-data' }),
    );
  });

  it('frames of a video stream, whose fragments are not frames', () => {
    const fragments = [Buffer.alloc(4, 1), Buffer.alloc(4, 2), Buffer.alloc(4, 3)];
    const bytes = part10(
      '1.2.840.10008.1.2.4.102',
      TEST_UIDS.instance,
      imageDataSet({
        rows: 2,
        columns: 2,
        bitsAllocated: 8,
        frames: 2,
        pixelData: encapsulatedPixelData([], fragments),
      }),
    );

    expect(() => getFrames(bytes, parseInstance(bytes), [1])).toThrow(
      expect.objectContaining({ code: 'frames-not-separable' }),
    );
  });

  it('JPEG fragments whose markers do not give NumberOfFrames frames', () => {
    // Frame 1 spans two fragments, the second of which happens to begin with FF D8: it is not
    // a new frame because the fragment before it does not end with EOI (FF D9).
    const fragments = [
      Buffer.from([0xff, 0xd8, 1, 1]),
      Buffer.from([0xff, 0xd8, 1, 0xff, 0xd9, 0x00]),
      Buffer.from([0xff, 0xd8, 2, 2, 0xff, 0xd9]),
      Buffer.from([0xff, 0xd8, 3, 3, 0xff, 0xd9]),
    ];
    const image = (frames: number) =>
      part10(
        '1.2.840.10008.1.2.4.50',
        TEST_UIDS.instance,
        imageDataSet({
          rows: 2,
          columns: 2,
          bitsAllocated: 8,
          frames,
          pixelData: encapsulatedPixelData([], fragments),
        }),
      );
    const three = image(3);
    const two = image(2);

    expect(getFrames(three, parseInstance(three), [1, 2, 3]).map((f) => f.length)).toEqual([
      10, 6, 6,
    ]);
    expect(() => getFrames(two, parseInstance(two), [1])).toThrow(
      expect.objectContaining({ code: 'frames-not-separable' }),
    );
  });
});
