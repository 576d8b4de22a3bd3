package floe.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Strict UTF-8 over a request body, in one pass and without copying it: no overlong
 * encodings (C0 AF for '/'), no encoded surrogates (CESU-8), nothing above U+10FFFF,
 * no truncated sequence. JSON's {@code \\u} escapes are held to the same rule: a
 * surrogate escape must be a high one followed at once by a low one. The JSON parser
 * alone would decode such bytes into other characters, and a string would be
 * stored as something the client never sent. One instance per connection; not
 * thread-safe, and it keeps no state between bodies.
 */
final class Utf8Check implements ByteProcessor {
    private int need;
    private int lo;
    private int hi;
    /** 0: plain; 1: after a backslash; 2..5: reading the four hex digits of a u escape. */
    private int escape;

    private int unit;
    private boolean highSurrogate;

    /** True if the body is valid UTF-8 with no lone surrogate escapes. */
    boolean valid(ByteBuf body) {
        need = 0;
        escape = 0;
        highSurrogate = false;
        return body.forEachByte(this) < 0 && need == 0 && !highSurrogate;
    }

    @Override
    public boolean process(byte b) {
        if (need > 0) {
            int u = b & 0xFF;
            if (u < lo || u > hi) {
                return false;
            }
            lo = 0x80;
            hi = 0xBF;
            need--;
            return true;
        }
        if (b >= 0) {
            return ascii(b);
        }
        if (highSurrogate) {
            return false;
        }
        escape = 0;
        int u = b & 0xFF;
        if (u < 0xC2) {
            return false; // a continuation byte with no lead, or C0/C1 (always overlong)
        } else if (u < 0xE0) {
            need = 1;
            lo = 0x80;
            hi = 0xBF;
        } else if (u < 0xF0) {
            need = 2;
            lo = u == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
            hi = u == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
        } else if (u < 0xF5) {
            need = 3;
            lo = u == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
            hi = u == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be above U+10FFFF
        } else {
            return false;
        }
        return true;
    }

    private boolean ascii(byte b) {
        switch (escape) {
            case 0:
                if (b == '\\') {
                    escape = 1;
                    return true;
                }
                return !highSurrogate;
            case 1:
                if (b == 'u') {
                    escape = 2;
                    unit = 0;
                    return true;
                }
                escape = 0;
                return !highSurrogate;
            default:
                int digit = Character.digit(b, 16);
                if (digit < 0) {
                    escape = 0; // not JSON: the parser refuses it
                    return true;
                }
                unit = unit << 4 | digit;
                if (++escape < 6) {
                    return true;
                }
                escape = 0;
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    if (highSurrogate) {
                        return false;
                    }
                    highSurrogate = true;
                } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                    if (!highSurrogate) {
                        return false;
                    }
                    highSurrogate = false;
                } else if (highSurrogate) {
                    return false;
                }
                return true;
        }
    }
}
