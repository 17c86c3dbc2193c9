import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Just enough STUN (RFC 5389) and TURN (RFC 5766) for the doctor's probes: Binding, Allocate and
// Refresh requests, long-term credentials, and the addresses the answers carry.

/** RFC 5389 §6: in every message, and the XOR mask of every XOR-*-ADDRESS. */
export const MAGIC_COOKIE = 0x2112a442;
const HEADER_BYTES = 20;
const INTEGRITY_BYTES = 24; // attribute header (4) + HMAC-SHA1 (20)
const UDP = 17; // REQUESTED-TRANSPORT protocol number (RFC 5766 §14.7)

export enum StunMethod {
  Binding = 0x001,
  Allocate = 0x003,
  Refresh = 0x004,
}

export enum StunClass {
  Request = 0,
  Indication = 1,
  Success = 2,
  Error = 3,
}

export enum StunAttr {
  Username = 0x0006,
  MessageIntegrity = 0x0008,
  ErrorCode = 0x0009,
  Lifetime = 0x000d,
  Realm = 0x0014,
  Nonce = 0x0015,
  XorRelayedAddress = 0x0016,
  RequestedTransport = 0x0019,
  XorMappedAddress = 0x0020,
}

export interface StunAttribute {
  type: number;
  value: Buffer;
}

export interface StunMessage {
  method: number;
  cls: StunClass;
  transactionId: Buffer;
  attributes: StunAttribute[];
}

/** What an authenticated request carries (RFC 5389 §10.2); `key` is `longTermKey(...)`. */
export interface LongTermAuth {
  username: string;
  realm: string;
  nonce: string;
  key: Buffer;
}

export interface OutgoingRequest {
  transactionId: Buffer;
  bytes: Buffer;
}

export const newTransactionId = (): Buffer => randomBytes(12);

/** RFC 5389 §15.4: MD5(username ":" realm ":" password). REST-API credentials are ASCII, so SASLprep changes nothing. */
export function longTermKey(username: string, realm: string, password: string): Buffer {
  return createHash('md5').update(`${username}:${realm}:${password}`, 'utf8').digest();
}

/** RFC 5389 §6: the two class bits sit at bits 4 and 8, between the method's bits. */
export function messageType(method: number, cls: StunClass): number {
  return (method & 0x000f) | ((method & 0x0070) << 1) | ((method & 0x0f80) << 2) | ((cls & 1) << 4) | ((cls & 2) << 7);
}

export function textAttribute(type: number, text: string): StunAttribute {
  return { type, value: Buffer.from(text, 'utf8') };
}

export function encodeMessage(message: StunMessage, integrityKey?: Buffer): Buffer {
  if (message.transactionId.length !== 12) throw new Error('a STUN transaction id is 12 bytes');
  const body = Buffer.concat(message.attributes.map(encodeAttribute));
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt16BE(messageType(message.method, message.cls), 0);
  // RFC 5389 §15.4: the HMAC covers a header whose length already counts MESSAGE-INTEGRITY.
  header.writeUInt16BE(body.length + (integrityKey ? INTEGRITY_BYTES : 0), 2);
  header.writeUInt32BE(MAGIC_COOKIE, 4);
  message.transactionId.copy(header, 8);
  const unsigned = Buffer.concat([header, body]);
  if (!integrityKey) return unsigned;
  const hmac = createHmac('sha1', integrityKey).update(unsigned).digest();
  return Buffer.concat([unsigned, encodeAttribute({ type: StunAttr.MessageIntegrity, value: hmac })]);
}

/** A STUN message, or undefined when the datagram is not one (wrong cookie, bad framing). */
export function decodeMessage(data: Buffer): StunMessage | undefined {
  if (data.length < HEADER_BYTES || (data[0]! & 0xc0) !== 0) return undefined;
  if (data.readUInt32BE(4) !== MAGIC_COOKIE || data.readUInt16BE(2) !== data.length - HEADER_BYTES) return undefined;
  const attributes: StunAttribute[] = [];
  for (const attribute of walkAttributes(data)) {
    if (!attribute) return undefined;
    attributes.push({ type: attribute.type, value: attribute.value });
  }
  const type = data.readUInt16BE(0);
  return {
    method: (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2),
    cls: (((type >> 4) & 1) | ((type >> 7) & 2)) as StunClass,
    transactionId: Buffer.from(data.subarray(8, HEADER_BYTES)),
    attributes,
  };
}

/** Checks MESSAGE-INTEGRITY: the HMAC covers everything before it, with the length cut to end there. */
export function verifyIntegrity(data: Buffer, key: Buffer): boolean {
  for (const attribute of walkAttributes(data)) {
    if (!attribute) return false;
    if (attribute.type !== StunAttr.MessageIntegrity) continue;
    if (attribute.value.length !== 20) return false;
    const covered = Buffer.from(data.subarray(0, attribute.offset));
    covered.writeUInt16BE(attribute.offset - HEADER_BYTES + INTEGRITY_BYTES, 2);
    return timingSafeEqual(createHmac('sha1', key).update(covered).digest(), attribute.value);
  }
  return false;
}

export function buildRequest(method: StunMethod, attributes: StunAttribute[] = [], auth?: LongTermAuth): OutgoingRequest {
  const transactionId = newTransactionId();
  const credentials = auth
    ? [
        textAttribute(StunAttr.Username, auth.username),
        textAttribute(StunAttr.Realm, auth.realm),
        textAttribute(StunAttr.Nonce, auth.nonce),
      ]
    : [];
  const message = { method, cls: StunClass.Request, transactionId, attributes: [...attributes, ...credentials] };
  return { transactionId, bytes: encodeMessage(message, auth?.key) };
}

export const bindingRequest = (): OutgoingRequest => buildRequest(StunMethod.Binding);

/** RFC 5766 §6.1: a UDP relay; without `auth` the server answers 401 with REALM and NONCE. */
export function allocateRequest(auth?: LongTermAuth): OutgoingRequest {
  return buildRequest(StunMethod.Allocate, [{ type: StunAttr.RequestedTransport, value: Buffer.from([UDP, 0, 0, 0]) }], auth);
}

/** RFC 5766 §7: LIFETIME 0 deletes the allocation. */
export function refreshRequest(lifetimeSeconds: number, auth: LongTermAuth): OutgoingRequest {
  const lifetime = Buffer.alloc(4);
  lifetime.writeUInt32BE(lifetimeSeconds, 0);
  return buildRequest(StunMethod.Refresh, [{ type: StunAttr.Lifetime, value: lifetime }], auth);
}

export function readText(message: StunMessage, type: StunAttr): string | undefined {
  return findAttribute(message, type)?.toString('utf8');
}

/** RFC 5389 §15.6: class (hundreds) in the low 3 bits of byte 2, number in byte 3, then the reason. */
export function readErrorCode(message: StunMessage): { code: number; reason: string } | undefined {
  const value = findAttribute(message, StunAttr.ErrorCode);
  if (!value || value.length < 4) return undefined;
  return { code: (value[2]! & 0x07) * 100 + value[3]!, reason: value.subarray(4).toString('utf8') };
}

/** RFC 5389 §15.2: port XOR the cookie's top half; address XOR the cookie (IPv6: cookie + transaction id). */
export function readXorAddress(message: StunMessage, type: StunAttr.XorMappedAddress | StunAttr.XorRelayedAddress): string | undefined {
  const value = findAttribute(message, type);
  if (!value || value.length < 8) return undefined;
  const port = value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16);
  const mask = Buffer.alloc(16);
  mask.writeUInt32BE(MAGIC_COOKIE, 0);
  message.transactionId.copy(mask, 4);
  const family = value[1];
  const length = family === 0x01 ? 4 : family === 0x02 ? 16 : 0;
  if (!length || value.length < 4 + length) return undefined;
  const ip = Buffer.from(value.subarray(4, 4 + length).map((byte, i) => byte ^ mask[i]!));
  if (length === 4) return `${[...ip].join('.')}:${port}`;
  const groups = Array.from({ length: 8 }, (_, i) => ip.readUInt16BE(i * 2).toString(16));
  // The URL parser prints IPv6 in its canonical, compressed form.
  return `${new URL(`http://[${groups.join(':')}]`).hostname}:${port}`;
}

function findAttribute(message: StunMessage, type: number): Buffer | undefined {
  return message.attributes.find((attribute) => attribute.type === type)?.value;
}

function encodeAttribute({ type, value }: StunAttribute): Buffer {
  const padded = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4);
  padded.writeUInt16BE(type, 0);
  padded.writeUInt16BE(value.length, 2);
  value.copy(padded, 4);
  return padded;
}

/** Each attribute with its offset; yields undefined once and stops if one overruns the message. */
function* walkAttributes(data: Buffer): Generator<(StunAttribute & { offset: number }) | undefined> {
  if (data.length < HEADER_BYTES) return yield undefined;
  const end = Math.min(data.length, HEADER_BYTES + data.readUInt16BE(2));
  let offset = HEADER_BYTES;
  while (offset + 4 <= end) {
    const length = data.readUInt16BE(offset + 2);
    if (offset + 4 + length > end) return yield undefined;
    yield { type: data.readUInt16BE(offset), value: data.subarray(offset + 4, offset + 4 + length), offset };
    offset += 4 + Math.ceil(length / 4) * 4;
  }
}
