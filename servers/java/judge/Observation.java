/*
 * The judge's view of a handshake, nginx style: $ssl_client_verify (SUCCESS, NONE or
 * FAILED:<OpenSSL's reason text>), subject and issuer in RFC 2253, serial, SHA-1 fingerprint.
 */
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.*;
import java.util.*;
import javax.net.ssl.*;

final class Observation {
  private Observation() {}

  /** "<verdict>\n<observation JSON fields without connectionRequests>", verdict ok | no-certificate | certificate-error. */
  static String judge(JavaJudge.Scenario scenario, SSLSession session, boolean reused) {
    X509Certificate[] chain = peerChain(session);
    String sni = null;
    if (session instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) sni = host.getAsciiName();
      }
    }
    StringBuilder json = new StringBuilder();
    field(json, "server", scenario.id());
    String verdict;
    if (chain.length == 0) {
      field(json, "verify", "NONE");
      for (String name : new String[] { "subject", "issuer", "serial", "fingerprint" }) field(json, name, null);
      verdict = scenario.required() ? "no-certificate" : "ok";
    } else {
      String error = verify(chain, scenario);
      X509Certificate leaf = chain[0];
      field(json, "verify", error == null ? "SUCCESS" : "FAILED:" + error);
      field(json, "subject", leaf.getSubjectX500Principal().getName("RFC2253"));
      field(json, "issuer", leaf.getIssuerX500Principal().getName("RFC2253"));
      field(json, "serial", serial(leaf.getSerialNumber()));
      field(json, "fingerprint", sha1(leaf));
      verdict = error == null ? "ok" : "certificate-error";
    }
    field(json, "protocol", session.getProtocol());
    json.append("\"sessionReused\":").append(reused).append(',');
    field(json, "sni", sni);
    return verdict + "\n" + json;
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** 32 hex digits, as nginx's $request_id: names one request's transcript. */
  static String exchangeId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    StringBuilder hex = new StringBuilder();
    for (byte b : bytes) hex.append(String.format("%02x", b));
    return hex.toString();
  }

  /** The chain the client sent, leaf first, each DER in base64, comma-separated; "-" when none. */
  static String chainBase64(SSLSession session) {
    X509Certificate[] chain = peerChain(session);
    if (chain.length == 0) return "-";
    List<String> parts = new ArrayList<>();
    try {
      for (X509Certificate cert : chain) parts.add(Base64.getEncoder().encodeToString(cert.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    return String.join(",", parts);
  }

  private static X509Certificate[] peerChain(SSLSession session) {
    try {
      java.security.cert.Certificate[] certs = session.getPeerCertificates();
      return Arrays.copyOf(certs, certs.length, X509Certificate[].class);
    } catch (SSLPeerUnverifiedException none) {
      return new X509Certificate[0];
    }
  }

  /** null when the chain verifies against the scenario's trusted CAs; else OpenSSL's error text. */
  static String verify(X509Certificate[] presented, JavaJudge.Scenario scenario) {
    List<X509Certificate> chain = new ArrayList<>(Arrays.asList(presented));
    X509Certificate last = chain.get(chain.size() - 1);
    boolean selfSigned = last.getSubjectX500Principal().equals(last.getIssuerX500Principal());
    if (chain.size() > 1 && selfSigned) chain.remove(chain.size() - 1);
    if (chain.size() > scenario.verifyDepth() + 1) return "certificate chain too long";
    try {
      Set<TrustAnchor> anchors = new HashSet<>();
      for (X509Certificate ca : scenario.trusted()) anchors.add(new TrustAnchor(ca, null));
      if (anchors.isEmpty()) return "unable to get local issuer certificate";
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
      CertPathValidator.getInstance("PKIX").validate(path, parameters);
    } catch (CertPathValidatorException e) {
      if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) return "certificate has expired";
      if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) return "certificate is not yet valid";
      if (e.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) return "certificate signature failure";
      X509Certificate leaf = presented[0];
      if (presented.length == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) return "self-signed certificate";
      return "unable to get local issuer certificate";
    } catch (Exception e) {
      return "unable to get local issuer certificate";
    }
    try {
      List<String> usages = presented[0].getExtendedKeyUsage();
      if (usages != null && !usages.contains("1.3.6.1.5.5.7.3.2") && !usages.contains("2.5.29.37.0")) return "unsuitable certificate purpose";
    } catch (CertificateParsingException e) {
      return "unsuitable certificate purpose";
    }
    return null;
  }

  /** Upper-case hex with an even number of digits, as OpenSSL (and nginx) print serials. */
  static String serial(BigInteger serial) {
    String hex = serial.toString(16).toUpperCase(Locale.ROOT);
    return hex.length() % 2 == 1 ? "0" + hex : hex;
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

  static void field(StringBuilder json, String name, String value) {
    json.append(Http.quote(name)).append(':').append(value == null ? "null" : Http.quote(value)).append(',');
  }
}
