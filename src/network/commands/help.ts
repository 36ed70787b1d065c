// What the tools print for --version / -V / --help and their usage, in the versions the images
// ship: curl (7.35 busyboxplus, 7.88 Debian bookworm, 8.12 Alpine and curlimages), bash (5.2),
// busybox applets (1.37, and the old 1.22/1.28 of busyboxplus and busybox:1.28), iputils ping,
// BIND's nslookup/dig. Returned as text; the commands decide stdout or stderr and the exit code.
import type { ImageProfile } from '../images';

/** The BusyBox banner line as `--help` and usage errors print it. */
export function busyboxBanner(img: ImageProfile): string {
  const v = img.busyboxVersion;
  if (v === '1.22.1') return 'BusyBox v1.22.1 (2014-05-22 23:22:11 UTC) multi-call binary.';
  if (v !== '1.37.0') return `BusyBox v${v} (2018-05-22 17:00:17 UTC) multi-call binary.`;
  return img.family === 'alpine' ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.' : 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.';
}

export function curlVersionText(img: ImageProfile): string {
  const v = img.curlVersion;
  if (v === '7.35.0') {
    return 'curl 7.35.0 (x86_64-buildroot-linux-uclibc) libcurl/7.35.0 OpenSSL/1.0.1f zlib/1.2.8\nProtocols: dict file ftp ftps gopher http https imap imaps pop3 pop3s rtsp smtp smtps telnet tftp \nFeatures: IPv6 Largefile NTLM NTLM_WB SSL libz \n';
  }
  if (v === '7.38.0') {
    return 'curl 7.38.0 (x86_64-pc-linux-gnu) libcurl/7.38.0 OpenSSL/1.0.1t zlib/1.2.8 libidn/1.29 libssh2/1.4.3 librtmp/2.3\nProtocols: dict file ftp ftps gopher http https imap imaps ldap ldaps pop3 pop3s rtmp rtsp scp sftp smtp smtps telnet tftp \nFeatures: AsynchDNS IDN IPv6 Largefile GSS-API SPNEGO NTLM NTLM_WB SSL libz TLS-SRP \n';
  }
  if (img.family === 'debian') {
    return `curl ${v} (x86_64-pc-linux-gnu) libcurl/${v} OpenSSL/3.0.15 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13\n`
      + 'Release-Date: 2023-02-20, security patched: 7.88.1-10+deb12u12\n'
      + 'Protocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp\n'
      + 'Features: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd\n';
  }
  if (img.repo === 'curlimages/curl') {
    return `curl ${v} (x86_64-pc-linux-musl) libcurl/${v} OpenSSL/3.3.3 zlib/1.3.1 brotli/1.1.0 zstd/1.5.6 libidn2/2.3.7 libpsl/0.21.5 libssh2/1.11.1 nghttp2/1.64.0 ngtcp2/1.11.0 nghttp3/1.8.0\n`
      + 'Release-Date: 2025-02-13\n'
      + 'Protocols: dict file ftp ftps gopher gophers http https imap imaps ipfs ipns mqtt pop3 pop3s rtsp scp sftp smb smbs smtp smtps telnet tftp ws wss\n'
      + 'Features: alt-svc AsynchDNS brotli HSTS HTTP2 HTTP3 HTTPS-proxy IDN IPv6 Largefile libz NTLM PSL SSL threadsafe TLS-SRP UnixSockets zstd\n';
  }
  return `curl ${v} (x86_64-alpine-linux-musl) libcurl/${v} OpenSSL/3.3.3 zlib/1.3.1 brotli/1.1.0 zstd/1.5.6 c-ares/1.34.5 libidn2/2.3.7 libpsl/0.21.5 nghttp2/1.64.0\n`
    + 'Release-Date: 2025-02-13\n'
    + 'Protocols: dict file ftp ftps gopher gophers http https imap imaps ipfs ipns mqtt pop3 pop3s rtsp smb smbs smtp smtps telnet tftp ws wss\n'
    + 'Features: alt-svc AsynchDNS brotli HSTS HTTP2 HTTPS-proxy IDN IPv6 Largefile libz NTLM PSL SSL threadsafe TLS-SRP UnixSockets zstd\n';
}

export function curlHelpText(img: ImageProfile): string {
  const v = img.curlVersion;
  if (v === '7.35.0' || v === '7.38.0') {
    return 'Usage: curl [options...] <url>\nOptions: (H) means HTTP/HTTPS only, (F) means FTP only\n'
      + '     --anyauth       Pick "any" authentication method (H)\n -a, --append        Append to target file when uploading (F/SFTP)\n'
      + '     --cacert FILE   CA certificate to verify peer against (SSL)\n -d, --data DATA     HTTP POST data (H)\n'
      + ' -f, --fail          Fail silently (no output at all) on HTTP errors (H)\n -H, --header LINE   Custom header to pass to server (H)\n'
      + ' -i, --include       Include protocol headers in the output (H/F)\n -k, --insecure      Allow connections to SSL sites without certs (H)\n'
      + ' -I, --head          Show document info only\n -L, --location      Follow redirects (H)\n -m, --max-time SECONDS  Maximum time allowed for the transfer\n'
      + ' -o, --output FILE   Write output to <file> instead of stdout\n -s, --silent        Silent mode. Don\'t output anything\n'
      + ' -S, --show-error    Show error. With -s, make curl show errors when they occur\n -v, --verbose       Make the operation more talkative\n'
      + ' -V, --version       Show version number and quit\n -w, --write-out FORMAT  What to output after completion\n -X, --request COMMAND  Specify request command to use\n';
  }
  if (img.family === 'debian') {
    return 'Usage: curl [options...] <url>\n'
      + ' -d, --data <data>          HTTP POST data\n -f, --fail                 Fail fast with no output on HTTP errors\n'
      + ' -h, --help <category>      Get help for commands\n -i, --include              Include protocol response headers in the output\n'
      + ' -o, --output <file>        Write to file instead of stdout\n -O, --remote-name          Write output to a file named as the remote file\n'
      + ' -s, --silent               Silent mode\n -T, --upload-file <file>   Transfer local FILE to destination\n'
      + ' -u, --user <user:password> Server user and password\n -A, --user-agent <name>    Send User-Agent <name> to server\n'
      + ' -v, --verbose              Make the operation more talkative\n -V, --version              Show version number and quit\n\n'
      + 'This is not the full help, this menu is stripped into categories.\nUse "--help category" to get an overview of all categories.\nFor all options use the manual or "--help all".\n';
  }
  return 'Usage: curl [options...] <url>\n'
    + ' -d, --data <data>           HTTP POST data\n -f, --fail                  Fail fast with no output on HTTP errors\n'
    + ' -h, --help <subject>        Get help for commands\n -o, --output <file>         Write to file instead of stdout\n'
    + ' -O, --remote-name           Write output to file named as remote file\n -i, --show-headers          Show response headers in output\n'
    + ' -s, --silent                Silent mode\n -T, --upload-file <file>    Transfer local FILE to destination\n'
    + ' -u, --user <user:password>  Server user and password\n -A, --user-agent <name>     Send User-Agent <name> to server\n'
    + ' -v, --verbose               Make the operation more talkative\n -V, --version               Show version number and quit\n\n'
    + 'This is not the full help; this menu is split into categories.\nUse "--help category" to get an overview of all categories, which are:\n'
    + 'auth, connection, curl, deprecated, dns, file, ftp, global, http, imap, ldap, output, pop3, post, proxy, scp, sftp, smtp, ssh, telnet, tftp, timeout, tls, upload, verbose.\n'
    + 'For all options use the manual or "--help all".\n';
}

export function bashVersionText(img: ImageProfile): string {
  const v = img.bashVersion;
  const triple = img.family === 'debian' ? 'x86_64-pc-linux-gnu' : 'x86_64-alpine-linux-musl';
  const year = v.startsWith('5.2') ? '2022' : v.startsWith('4.3') ? '2013' : '2020';
  const url = v.startsWith('4.') ? 'http://gnu.org/licenses/gpl.html' : 'http://gnu.org/licenses/gpl.html';
  return `GNU bash, version ${v}(1)-release (${triple})\nCopyright (C) ${year} Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <${url}>\n\nThis is free software; you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n`;
}

export function bashHelpText(img: ImageProfile, arg0: string): string {
  const triple = img.family === 'debian' ? 'x86_64-pc-linux-gnu' : 'x86_64-alpine-linux-musl';
  return `GNU bash, version ${img.bashVersion}(1)-release-(${triple})\nUsage:\t${arg0} [GNU long option] [option] ...\n\t${arg0} [GNU long option] [option] script-file ...\nGNU long options:\n`
    + '\t--debug\n\t--debugger\n\t--dump-po-strings\n\t--dump-strings\n\t--help\n\t--init-file\n\t--login\n\t--noediting\n\t--noprofile\n\t--norc\n\t--posix\n\t--pretty-print\n\t--rcfile\n\t--restricted\n\t--verbose\n\t--version\n'
    + 'Shell options:\n\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)\n\t-abefhkmnptuvxBCEHPT or -o option\n'
    + `Type \`${arg0} -c "help set"' for more information about shell options.\nType \`${arg0} -c help' for more information about shell builtin commands.\n`
    + 'Use the `bashbug\' command to report bugs.\n\nbash home page: <http://www.gnu.org/software/bash>\nGeneral help using GNU software: <http://www.gnu.org/gethelp/>\n';
}

export function ashHelpText(img: ImageProfile): string {
  return `${busyboxBanner(img)}\n\nUsage: sh [-il] [-|+Cabefmnuvx] [-|+o OPT]... [-c 'SCRIPT' [ARG0 ARGS] | FILE ARGS | -s ARGS]\n\nUnix shell interpreter\n`;
}

export function busyboxWgetHelp(img: ImageProfile): string {
  return `${busyboxBanner(img)}\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n\n`
    + '\t--spider\tOnly check URL existence: $? is 0 if exists\n\t--header STR\tAdd STR (of form \'header: value\') to headers\n'
    + '\t--post-data STR\tSend STR using POST method\n\t--post-file FILE\tSend FILE using POST method\n'
    + '\t--no-check-certificate\tDon\'t validate the server\'s certificate\n\t-c\t\tContinue retrieval of aborted transfer\n\t-q\t\tQuiet\n'
    + '\t-P DIR\t\tSave to DIR (default .)\n\t-S    \t\tShow server response\n\t-T SEC\t\tNetwork read timeout is SEC seconds\n'
    + '\t-O FILE\t\tSave to FILE (\'-\' for stdout)\n\t-o LOGFILE\tLog messages to FILE\n\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy\n';
}

export const GNU_WGET_VERSION = 'GNU Wget 1.21.3 built on linux-gnu.\n\n-cares +digest -gpgme +https +ipv6 +iri +large-file -metalink +nls \n+ntlm +opie +psl +ssl/gnutls \n\n'
  + 'Wgetrc: \n    /etc/wgetrc (system)\nLocale: \n    /usr/share/locale \nCompile: \n    gcc -DHAVE_CONFIG_H -DSYSTEM_WGETRC="/etc/wgetrc" \n    -DLOCALEDIR="/usr/share/locale" -I. -I../../src -I../lib \n    -I../../lib -Wdate-time -D_FORTIFY_SOURCE=2 -DHAVE_LIBGNUTLS \n    -DNDEBUG -g -O2 -ffile-prefix-map=/build/wget-1.21.3=. \n    -fstack-protector-strong -Wformat -Werror=format-security \n    -DNO_SSLv2 -D_FILE_OFFSET_BITS=64 -g -Wall \n'
  + 'Link: \n    gcc -DHAVE_LIBGNUTLS -DNDEBUG -g -O2 \n    -ffile-prefix-map=/build/wget-1.21.3=. -fstack-protector-strong \n    -Wformat -Werror=format-security -DNO_SSLv2 \n    -D_FILE_OFFSET_BITS=64 -g -Wall -Wl,-z,relro -Wl,-z,now -lpcre2-8 \n    -luuid -lidn2 -lnettle -lgnutls -lz -lpsl ftp-opie.o gnutls.o \n    hash.o ../lib/libgnu.a /usr/lib/x86_64-linux-gnu/libunistring.so \n\n'
  + 'Copyright (C) 2015 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later\n<http://www.gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nOriginally written by Hrvoje Niksic <hniksic@xemacs.org>.\nPlease send bug reports and questions to <bug-wget@gnu.org>.\n';

export const GNU_WGET_HELP = 'GNU Wget 1.21.3, a non-interactive network retriever.\nUsage: wget [OPTION]... [URL]...\n\nMandatory arguments to long options are mandatory for short options too.\n\n'
  + 'Startup:\n  -V,  --version                   display the version of Wget and exit\n  -h,  --help                      print this help\n  -b,  --background                go to background after startup\n  -e,  --execute=COMMAND           execute a `.wgetrc\'-style command\n\n'
  + 'Logging and input file:\n  -o,  --output-file=FILE          log messages to FILE\n  -a,  --append-output=FILE        append messages to FILE\n  -q,  --quiet                     quiet (no output)\n  -v,  --verbose                   be verbose (this is the default)\n  -nv, --no-verbose                turn off verboseness, without being quiet\n\n'
  + 'Download:\n  -t,  --tries=NUMBER              set number of retries to NUMBER (0 unlimits)\n  -O,  --output-document=FILE      write documents to FILE\n  -T,  --timeout=SECONDS           set all timeout values to SECONDS\n  -U,  --user-agent=AGENT          identify as AGENT instead of Wget/VERSION\n\n'
  + 'Mail bug reports and suggestions to <bug-wget@gnu.org>\n';

export function busyboxPingUsage(img: ImageProfile): string {
  return `${busyboxBanner(img)}\n\nUsage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n\n`
    + '\t-4,-6\t\tForce IP or IPv6 name resolution\n\t-c CNT\t\tSend only CNT pings\n\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)\n'
    + '\t-i SECS\t\tInterval\n\t-A\t\tPing as soon as reply is received\n\t-t TTL\t\tSet TTL\n\t-I IFACE/IP\tSource interface or IP address\n'
    + '\t-W SEC\t\tSeconds to wait for the first response (default 10)\n\t\t\t(after all -c CNT packets are sent)\n'
    + '\t-w SEC\t\tSeconds until ping exits (default:infinite)\n\t\t\t(can exit earlier with -c CNT)\n'
    + '\t-q\t\tQuiet, only display output at start/finish\n\t-p HEXBYTE\tPayload pattern\n';
}

export const IPUTILS_PING_USAGE = '\nUsage\n  ping [options] <destination>\n\nOptions:\n'
  + '  <destination>      DNS name or IP address\n  -a                 use audible ping\n  -A                 use adaptive ping\n  -B                 sticky source address\n'
  + '  -c <count>         stop after <count> replies\n  -C                 call connect() syscall on socket creation\n  -D                 print timestamps\n  -d                 use SO_DEBUG socket option\n'
  + '  -e <identifier>    define identifier for ping session, default is random for\n                     SOCK_RAW and kernel defined for SOCK_DGRAM\n                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n'
  + '  -f                 flood ping\n  -h                 print help and exit\n  -I <interface>     either interface name or address\n  -i <interval>      seconds between sending each packet\n'
  + '  -L                 suppress loopback of multicast packets\n  -l <preload>       send <preload> number of packages while waiting replies\n  -m <mark>          tag the packets going out\n'
  + '  -M <pmtud opt>     define path MTU discovery, can be one of <do|dont|want>\n  -n                 no dns name resolution\n  -O                 report outstanding replies\n'
  + '  -p <pattern>       contents of padding byte\n  -q                 quiet output\n  -Q <tclass>        use quality of service <tclass> bits\n  -s <size>          use <size> as number of data bytes to be sent\n'
  + '  -S <size>          use <size> as SO_SNDBUF socket option value\n  -t <ttl>           define time to live\n  -U                 print user-to-user latency\n'
  + '  -v                 verbose output\n  -V                 print version and exit\n  -w <deadline>      reply wait <deadline> in seconds\n  -W <timeout>       time to wait for response\n\n'
  + 'IPv4 options:\n  -4                 use IPv4\n  -b                 allow pinging broadcast\n  -R                 record route\n  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n\n'
  + 'IPv6 options:\n  -6                 use IPv6\n  -F <flowlabel>     define flow label, default is random\n  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n\n'
  + 'For more details see ping(8).\n';

/** BIND 9 version string of the image's dnsutils (nslookup -version, dig -v). */
export function bindVersion(img: ImageProfile): string {
  return img.family === 'debian' ? '9.18.33-1~deb12u2-Debian' : '9.18.33';
}
