/*
 * The oracle: Android's identity choice replayed with the JDK's SunX509 key manager, which
 * applies the rule of Conscrypt's KeyManagerImpl (leaf key type, and any chain certificate issued
 * by an advertised CA, compared as X500Principal; no date or EKU check). The key types it is
 * asked for are Conscrypt's (SSLUtils.getSupportedClientKeyTypes): those SunJSSE read from the
 * CertificateRequest, kept only when the server's signature_algorithms also allow them.
 * PKCS#12 files load with the JDK's keystore, else BouncyCastle's (as Android uses).
 *
 * Usage: java -cp <classes>:bcprov.jar OracleClient <cases> <server-ca.pem>
 * Case lines (tab-separated): id, p12 path, password, port, protocol. One output line per case:
 * id, keystore, asked (true|false), keyTypes SunJSSE passed, key types the signature algorithms
 * allow, issuer count, allowed leaf SHA-1s (comma-separated), what the server saw from this client.
 */
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.*;
import java.security.cert.*;
import java.util.*;
import java.util.regex.*;
import javax.net.ssl.*;

public final class OracleClient {
  public static void main(String[] args) throws Exception {
    Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
    TrustManager[] trust = trustOnly(Path.of(args[1]));
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      String[] f = line.split("\t", -1);
      System.out.println(runCase(f[0], Path.of(f[1]), f[2].toCharArray(), Integer.parseInt(f[3]), f[4], trust));
      System.out.flush();
    }
  }

  static TrustManager[] trustOnly(Path pem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      store.setCertificateEntry("server-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    return factory.getTrustManagers();
  }

  record Loaded(KeyStore store, char[] password, String provider) {}

  /**
   * The JDK's PKCS12 keystore when it finds a key; else BouncyCastle's, with its entries copied
   * into an in-memory JDK store: BouncyCastle names EC keys "ECDSA", while the platform's
   * certificates (the JDK's here, Conscrypt's on Android) say "EC", which the key manager matches.
   */
  static Loaded load(Path p12, char[] password) throws Exception {
    try {
      KeyStore jdk = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12)) { jdk.load(in, password); }
      for (String alias : Collections.list(jdk.aliases())) {
        if (jdk.isKeyEntry(alias)) return new Loaded(jdk, password, "jdk");
      }
    } catch (Exception unreadable) {
      // fall through to BouncyCastle
    }
    KeyStore bc = KeyStore.getInstance("PKCS12", "BC");
    try (InputStream in = Files.newInputStream(p12)) { bc.load(in, password); }
    char[] inMemory = "oracle-in-memory".toCharArray();
    KeyStore copy = KeyStore.getInstance("PKCS12");
    copy.load(null, null);
    CertificateFactory platform = CertificateFactory.getInstance("X.509");
    for (String alias : Collections.list(bc.aliases())) {
      if (!bc.isKeyEntry(alias)) continue;
      java.security.cert.Certificate[] chain = bc.getCertificateChain(alias);
      java.security.cert.Certificate[] reparsed = new java.security.cert.Certificate[chain.length];
      for (int i = 0; i < chain.length; i++) reparsed[i] = platform.generateCertificate(new ByteArrayInputStream(chain[i].getEncoded()));
      copy.setKeyEntry(alias, bc.getKey(alias, password), inMemory, reparsed);
    }
    return new Loaded(copy, inMemory, "bc");
  }

  static String runCase(String id, Path p12, char[] password, int port, String protocol, TrustManager[] trust) {
    String[] provider = { "none" };
    Recorder recorder = null;
    String seen = "error";
    try {
      Loaded loaded = load(p12, password);
      provider[0] = loaded.provider();
      KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
      factory.init(loaded.store(), loaded.password());
      recorder = new Recorder((X509ExtendedKeyManager) factory.getKeyManagers()[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] { recorder }, trust, null);
      Socket plain = new Socket();
      plain.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true)) {
        socket.setSoTimeout(15_000);
        socket.setEnabledProtocols(new String[] { protocol });
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write("GET /whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"fingerprint\":(null|\"([0-9a-f]+)\")").matcher(answer);
        seen = m.find() ? (m.group(2) == null ? "none" : m.group(2)) : "unreadable";
      }
    } catch (Exception e) {
      seen = "error:" + e.getClass().getSimpleName() + ":" + String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
    }
    Recorder r = recorder;
    return String.join("\t", id, provider[0], String.valueOf(r != null && r.asked),
        r == null ? "" : String.join(",", r.keyTypes), r == null ? "" : String.join(",", r.signatureKeyTypes),
        r == null ? "0" : String.valueOf(r.issuerCount), r == null ? "" : String.join(",", r.allowed), seen);
  }

  /** Wraps SunX509: records the request and every alias the rule allows, then lets it choose. */
  static final class Recorder extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager sunX509;
    boolean asked;
    List<String> keyTypes = List.of();
    Set<String> signatureKeyTypes = new TreeSet<>();
    int issuerCount;
    Set<String> allowed = new TreeSet<>();

    Recorder(X509ExtendedKeyManager sunX509) { this.sunX509 = sunX509; }

    public String chooseClientAlias(String[] types, Principal[] issuers, Socket socket) {
      asked = true;
      keyTypes = Arrays.asList(types);
      issuerCount = issuers == null ? 0 : issuers.length;
      // Conscrypt: in TLS 1.2 a key type must also be allowed by signature_algorithms.
      if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() instanceof ExtendedSSLSession session) {
        for (String algorithm : session.getPeerSupportedSignatureAlgorithms()) {
          String upper = algorithm.toUpperCase(Locale.ROOT);
          if (upper.contains("ECDSA")) signatureKeyTypes.add("EC");
          else if (upper.contains("RSA")) signatureKeyTypes.add("RSA");
        }
      }
      List<String> conscrypt = new ArrayList<>();
      for (String type : types) if (signatureKeyTypes.isEmpty() || signatureKeyTypes.contains(type)) conscrypt.add(type);
      for (String type : conscrypt) {
        String[] aliases = sunX509.getClientAliases(type, issuers);
        if (aliases != null) for (String alias : aliases) allowed.add(sha1(sunX509.getCertificateChain(alias)[0]));
      }
      return sunX509.chooseClientAlias(conscrypt.toArray(new String[0]), issuers, socket);
    }

    static String sha1(X509Certificate certificate) {
      try {
        StringBuilder hex = new StringBuilder();
        for (byte b : MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded())) hex.append(String.format("%02x", b));
        return hex.toString();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    public String[] getClientAliases(String keyType, Principal[] issuers) { return sunX509.getClientAliases(keyType, issuers); }
    public String[] getServerAliases(String keyType, Principal[] issuers) { return sunX509.getServerAliases(keyType, issuers); }
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) { return null; }
    public X509Certificate[] getCertificateChain(String alias) { return sunX509.getCertificateChain(alias); }
    public PrivateKey getPrivateKey(String alias) { return sunX509.getPrivateKey(alias); }
  }
}
