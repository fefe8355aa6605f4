package dev.seat.harness.model;

import java.nio.ByteBuffer;

/** safetensors element types seat reads as weights, and their conversion to float32. */
public enum DType {
    F32(4),
    F16(2),
    BF16(2),
    F64(8);

    public final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** The dtype for a safetensors header string, or null when seat cannot read it as weights. */
    static DType parse(String name) {
        for (DType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** All element type names the safetensors format defines (for error messages). */
    static boolean isKnownSafetensorsType(String name) {
        return switch (name) {
            case "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32",
                    "F64", "I64", "U64" -> true;
            default -> false;
        };
    }

    /** Reads element {@code i} of a little-endian buffer of this type as float32. */
    float read(ByteBuffer le, int i) {
        return switch (this) {
            case F32 -> le.getFloat(i * 4);
            case F64 -> (float) le.getDouble(i * 8);
            // bfloat16 is the top half of a float32
            case BF16 -> Float.intBitsToFloat((le.getShort(i * 2) & 0xFFFF) << 16);
            case F16 -> halfToFloat(le.getShort(i * 2));
        };
    }

    /** IEEE 754 binary16 to float32 (exact: every half value is a float). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) { // inf or NaN
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            // zero or subnormal: mant * 2^-24
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** float32 to bfloat16 bits, round to nearest even (as torch does). */
    static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** float32 to IEEE binary16 bits, round to nearest even; overflow becomes infinity. */
    static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xFF) - 127 + 15;
        int mant = bits & 0x7FFFFF;
        if (((bits >>> 23) & 0xFF) == 0xFF) { // inf / NaN
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
        }
        if (exp >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (exp <= 0) { // subnormal or zero
            if (exp < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - exp;
            int half = mant >>> shift;
            int rest = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rest > mid || (rest == mid && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = sign | (exp << 10) | (mant >>> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // may carry into the exponent, which is the correct rounding
        }
        return (short) half;
    }
}
