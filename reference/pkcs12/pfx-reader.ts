/**
 * Walks a PFX (RFC 7292): checks the MAC, decrypts the encrypted parts and collects the key
 * and certificate bags with their attributes, in file order. Pairing happens elsewhere.
 */
import { BerLimitError, normalizeBer } from '../asn1/ber-normalizer.js';
import { children, decodeOid, decodeSmallInteger, DerError, eachChild, expectTag, parseDer as parseDerOnly, Tag, type DerNode } from '../asn1/der-reader.js';
import { Pkcs12BadPasswordError, Pkcs12LimitExceededError, Pkcs12MalformedError, Pkcs12UnsupportedAlgorithmError } from './errors.js';
import { DecodeBudget } from './limits.js';
import { verifyMac } from './mac.js';
import { Oid } from './oids.js';
import { decryptWithPassword, type PasswordEncodings } from './password-based-decryption.js';
import { pkcs12PasswordForms } from './pkcs12-kdf.js';

export interface BagAttributes {
  readonly localKeyId?: Buffer;
  readonly friendlyName?: string;
}
export interface KeyEntry extends BagAttributes {
  /** PrivateKeyInfo (PKCS#8) DER, decrypted. */
  readonly pkcs8: Buffer;
}
export interface CertificateEntry extends BagAttributes {
  readonly der: Buffer;
}
export interface PfxBags {
  readonly keys: KeyEntry[];
  readonly certificates: CertificateEntry[];
}

/** Nested safeContentsBags deeper than this are refused (a crafted file could recurse forever). */
const MAX_NESTING = 8;

export function readPfx(data: Buffer, password: string, budget = new DecodeBudget()): PfxBags {
  /**
   * Each encoding of the file (the PFX, the AuthenticatedSafe, each SafeContents, each decrypted
   * part) may be BER: NSS writes indefinite lengths and constructed OCTET STRINGs. The MAC is
   * over the authSafe's content octets, which the normalized OCTET STRING holds concatenated.
   */
  const parseDer = (input: Buffer): DerNode => {
    try {
      return parseDerOnly(normalizeBer(input, budget.limits.berElements));
    } catch (error) {
      if (error instanceof BerLimitError) throw new Pkcs12LimitExceededError('berElements', error.limit);
      throw error;
    }
  };
  const [versionNode, authSafe, macData] = children(expectTag(parseDer(data), Tag.SEQUENCE, 'PFX'));
  const version = decodeSmallInteger(expectTag(versionNode, Tag.INTEGER, 'PFX version'));
  if (version !== 3) throw new Pkcs12MalformedError(`PFX version ${version}, expected 3`);
  const authSafeBytes = dataContent(authSafe, 'authSafe');
  // The MAC first: nothing is decrypted before the password is known to be right, and the
  // decryption uses the password form that matched (the empty password has two).
  const forms = pkcs12PasswordForms(password);
  const bmp = macData ? [verifyMac(macData, authSafeBytes, forms, budget)] : forms;
  const reader = new BagCollector({ utf8: Buffer.from(password, 'utf8'), bmp }, macData !== undefined, budget, parseDer);
  for (const contentInfo of eachChild(expectTag(parseDer(authSafeBytes), Tag.SEQUENCE, 'AuthenticatedSafe'))) {
    budget.spend('safeContents');
    reader.readContentInfo(contentInfo);
  }
  return reader.finish();
}

/** A pkcs8ShroudedKeyBag, decrypted once every SafeContents has been read (see finish()). */
interface ShroudedKey extends BagAttributes {
  readonly algorithm: DerNode;
  readonly encrypted: Buffer;
}

class BagCollector {
  private readonly keys: (KeyEntry | ShroudedKey)[] = [];
  private readonly certificates: CertificateEntry[] = [];
  constructor(
    private readonly password: PasswordEncodings,
    private readonly macVerified: boolean,
    private readonly budget: DecodeBudget,
    private readonly parseDer: (input: Buffer) => DerNode,
  ) {}

  readContentInfo(contentInfo: DerNode): void {
    const [typeNode] = children(expectTag(contentInfo, Tag.SEQUENCE, 'ContentInfo'));
    const type = decodeOid(typeNode!);
    if (type === Oid.data) return this.readSafeContents(this.parseDer(dataContent(contentInfo, 'ContentInfo')), 0);
    if (type !== Oid.encryptedData) throw new Pkcs12UnsupportedAlgorithmError(type, 'content type');
    const [, explicit] = children(contentInfo);
    const [encryptedData] = children(expectTag(explicit, Tag.CONTEXT_0, 'encryptedData content'));
    const [versionNode, info] = children(expectTag(encryptedData, Tag.SEQUENCE, 'EncryptedData'));
    decodeSmallInteger(expectTag(versionNode, Tag.INTEGER, 'EncryptedData version'));
    const [innerType, algorithm, content] = children(expectTag(info, Tag.SEQUENCE, 'EncryptedContentInfo'));
    decodeOid(innerType!);
    if (!content) throw new Pkcs12MalformedError('encryptedData without content');
    const ciphertext = content.tag === 0x80 ? content.value
      : content.tag === Tag.CONTEXT_0 ? Buffer.concat(children(content).map((part) => expectTag(part, Tag.OCTET_STRING, 'encrypted content part').value))
        : expectTag(content, 0x80, 'encrypted content').value;
    const plain = decryptWithPassword(algorithm!, ciphertext, this.password, this.budget);
    this.readSafeContents(this.decryptedDer(plain), 0);
  }

  private readSafeContents(safeContents: DerNode, depth: number): void {
    if (depth > MAX_NESTING) throw new Pkcs12MalformedError('safeContentsBag nested too deeply');
    for (const bag of eachChild(expectTag(safeContents, Tag.SEQUENCE, 'SafeContents'))) {
      this.budget.spend('bags');
      const [idNode, valueNode, attributesNode] = children(expectTag(bag, Tag.SEQUENCE, 'SafeBag'));
      const id = decodeOid(idNode!);
      const [value] = children(expectTag(valueNode, Tag.CONTEXT_0, 'SafeBag value'));
      if (!value) throw new Pkcs12MalformedError('empty SafeBag value');
      const attributes = attributesNode ? readAttributes(attributesNode) : {};
      switch (id) {
        case Oid.keyBag:
          this.budget.spend('keys');
          this.keys.push({ ...attributes, pkcs8: expectTag(value, Tag.SEQUENCE, 'PrivateKeyInfo').raw });
          break;
        case Oid.pkcs8ShroudedKeyBag: {
          this.budget.spend('keys');
          const [algorithm, encrypted] = children(expectTag(value, Tag.SEQUENCE, 'EncryptedPrivateKeyInfo'));
          this.keys.push({
            ...attributes,
            algorithm: expectTag(algorithm, Tag.SEQUENCE, 'key encryption'),
            encrypted: expectTag(encrypted, Tag.OCTET_STRING, 'encrypted key').value,
          });
          break;
        }
        case Oid.certBag: {
          const [typeNode, certValue] = children(expectTag(value, Tag.SEQUENCE, 'CertBag'));
          if (decodeOid(typeNode!) !== Oid.x509Certificate) break; // sdsiCertificate: nothing TLS can use
          this.budget.spend('certificates');
          const [octets] = children(expectTag(certValue, Tag.CONTEXT_0, 'CertBag value'));
          this.certificates.push({ ...attributes, der: expectTag(octets, Tag.OCTET_STRING, 'certificate').value });
          break;
        }
        case Oid.safeContentsBag:
          this.budget.spend('safeContents');
          this.readSafeContents(value, depth + 1);
          break;
        default:
          break; // crlBag, secretBag and unknown bags carry nothing a client identity needs
      }
    }
  }

  /**
   * Decrypts the shrouded keys, in file order, after everything else: Node's native loader
   * decrypts only the first key of a file, so the KDF work of every later key is charged
   * against what the rest of the file cost (limits.ts, extraKeyWork), which is then known.
   */
  finish(): PfxBags {
    const keys = this.keys.map((key, index): KeyEntry => {
      if (!('algorithm' in key)) return key;
      const { algorithm, encrypted, ...attributes } = key;
      const share = index === 0 ? 'file' : 'extraKey';
      const plain = decryptWithPassword(algorithm, encrypted, this.password, this.budget, share);
      return { ...attributes, pkcs8: expectTag(this.decryptedDer(plain), Tag.SEQUENCE, 'PrivateKeyInfo').raw };
    });
    return { keys, certificates: this.certificates };
  }

  /** Without a MAC, garbage from a wrong password that passed the padding check shows up here. */
  private decryptedDer(plain: Buffer): DerNode {
    try {
      return this.parseDer(plain);
    } catch (error) {
      if (error instanceof DerError && !this.macVerified) throw new Pkcs12BadPasswordError();
      throw error;
    }
  }
}

/** The OCTET STRING inside a ContentInfo of type data. */
function dataContent(contentInfo: DerNode | undefined, what: string): Buffer {
  const [typeNode, explicit] = children(expectTag(contentInfo, Tag.SEQUENCE, what));
  const type = decodeOid(typeNode!);
  if (type !== Oid.data) throw new Pkcs12UnsupportedAlgorithmError(type, `${what} content type`);
  const [octets] = children(expectTag(explicit, Tag.CONTEXT_0, `${what} content`));
  return expectTag(octets, Tag.OCTET_STRING, `${what} data`).value;
}

function readAttributes(set: DerNode): BagAttributes {
  let localKeyId: Buffer | undefined;
  let friendlyName: string | undefined;
  for (const attribute of children(expectTag(set, Tag.SET, 'bag attributes'))) {
    const [idNode, values] = children(expectTag(attribute, Tag.SEQUENCE, 'attribute'));
    const id = decodeOid(idNode!);
    const [first] = children(expectTag(values, Tag.SET, 'attribute values'));
    if (id === Oid.localKeyId) localKeyId = expectTag(first, Tag.OCTET_STRING, 'localKeyId').value;
    if (id === Oid.friendlyName) friendlyName = decodeBmpString(expectTag(first, Tag.BMP_STRING, 'friendlyName').value);
  }
  return { ...(localKeyId ? { localKeyId } : {}), ...(friendlyName !== undefined ? { friendlyName } : {}) };
}

function decodeBmpString(bytes: Buffer): string {
  if (bytes.length % 2 !== 0) throw new DerError('BMPString of odd length');
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) out += String.fromCharCode(bytes.readUInt16BE(i));
  return out;
}
