import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface ServingCertificates {
  /** PEM of the CA clients trust (goes into kubeconfigs as certificate-authority-data). */
  caCert: string;
  /** PEM of the server certificate, valid for 127.0.0.1, ::1, localhost and the given hosts. */
  serverCert: string;
  serverKey: string;
}

// Node's native key generation is far faster than node-forge's pure-JS one;
// forge is only used to build and sign the X.509 certificates.
function newKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privatePem: privateKey,
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
  };
}

function serialNumber(): string {
  // Positive, 16 bytes.
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

const cache = new Map<string, ServingCertificates>();

/**
 * A CA and a server certificate it signed, valid for a year. Generated once
 * per process and host list: RSA key generation is the slowest part of
 * starting a simulator, and tests start many.
 */
export function generateServingCertificates(
  extraHosts: string[] = [],
): ServingCertificates {
  const key = extraHosts.join(',');
  let certificates = cache.get(key);
  if (!certificates) {
    certificates = createServingCertificates(extraHosts);
    cache.set(key, certificates);
  }
  return certificates;
}

function createServingCertificates(extraHosts: string[]): ServingCertificates {
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 365 * 24 * 3600_000);

  const caKeys = newKeyPair();
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serialNumber();
  ca.validity.notBefore = notBefore;
  ca.validity.notAfter = notAfter;
  const caSubject = [{ name: 'commonName', value: 'capi-simulator-ca' }];
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    {
      name: 'keyUsage',
      keyCertSign: true,
      cRLSign: true,
      digitalSignature: true,
      critical: true,
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const serverKeys = newKeyPair();
  const server = forge.pki.createCertificate();
  server.publicKey = serverKeys.publicKey;
  server.serialNumber = serialNumber();
  server.validity.notBefore = notBefore;
  server.validity.notAfter = notAfter;
  server.setSubject([{ name: 'commonName', value: 'capi-simulator' }]);
  server.setIssuer(caSubject);
  const hosts = ['127.0.0.1', '::1', 'localhost', ...extraHosts];
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...new Set(hosts)].map(host =>
        /^[\d.]+$/.test(host) || host.includes(':')
          ? { type: 7, ip: host }
          : { type: 2, value: host },
      ),
    },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  server.sign(caKeys.privateKey, forge.md.sha256.create());

  return {
    caCert: forge.pki.certificateToPem(ca),
    serverCert: forge.pki.certificateToPem(server),
    serverKey: serverKeys.privatePem,
  };
}
