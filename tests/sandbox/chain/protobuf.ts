/**
 * The little of protobuf a TRON transaction needs: varints (as bigint, so int64 amounts never pass
 * through a JS number), length-delimited bytes, and proto3's "zero values are not written" rule.
 * Fields must be written in ascending field order, as the official encoders do, so that our bytes
 * (and therefore txIDs) equal what TronWeb builds.
 */

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

/** Builds one protobuf message. */
export class ProtoWriter {
  private chunks: number[] = [];

  private varint(value: bigint) {
    // Negative int64 is written as its 64-bit two's complement, as protobuf does.
    let v = value < 0n ? value + (1n << 64n) : value;
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      this.chunks.push(byte);
    } while (v > 0n);
  }

  private key(field: number, wire: number) {
    this.varint(BigInt((field << 3) | wire));
  }

  /** An int64/int32/enum field; zero is skipped. */
  int(field: number, value: bigint | number | undefined): this {
    if (value === undefined) return this;
    const v = BigInt(value);
    if (v === 0n) return this;
    this.key(field, WIRE_VARINT);
    this.varint(v);
    return this;
  }

  /** A bool field; false is skipped. */
  bool(field: number, value: boolean | undefined): this {
    if (!value) return this;
    this.key(field, WIRE_VARINT);
    this.varint(1n);
    return this;
  }

  /** A bytes/string/message field; empty is skipped. */
  bytes(field: number, value: Uint8Array | undefined): this {
    if (!value || value.length === 0) return this;
    this.key(field, WIRE_LENGTH);
    this.varint(BigInt(value.length));
    for (const byte of value) this.chunks.push(byte);
    return this;
  }

  /** An embedded message; written even when empty only if `always` (repeated entries are). */
  message(field: number, value: Uint8Array, always = false): this {
    if (value.length === 0 && !always) return this;
    this.key(field, WIRE_LENGTH);
    this.varint(BigInt(value.length));
    for (const byte of value) this.chunks.push(byte);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

/** One decoded field: varints as bigint, length-delimited values as bytes. */
export type ProtoField = { field: number; varint: bigint } | { field: number; bytes: Uint8Array };

/** Reads every field of one message; throws on truncated or unsupported input. */
export function readFields(buffer: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let pos = 0;

  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buffer.length) throw new Error('truncated varint');
      const byte = buffer[pos++] ?? 0;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new Error('varint too long');
    }
  };

  while (pos < buffer.length) {
    const key = Number(readVarint());
    const field = key >>> 3;
    const wire = key & 7;
    if (field === 0) throw new Error('field number 0');
    if (wire === WIRE_VARINT) fields.push({ field, varint: readVarint() });
    else if (wire === WIRE_LENGTH) {
      const length = Number(readVarint());
      if (pos + length > buffer.length) throw new Error('truncated bytes');
      fields.push({ field, bytes: buffer.subarray(pos, pos + length) });
      pos += length;
    } else if (wire === WIRE_FIXED64) pos += 8;
    else if (wire === WIRE_FIXED32) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
    if (pos > buffer.length) throw new Error('truncated fixed field');
  }
  return fields;
}

/** Decodes an int64 varint (two's complement above 2^63 is negative). */
export function toInt64(value: bigint): bigint {
  return value >= 1n << 63n ? value - (1n << 64n) : value;
}
