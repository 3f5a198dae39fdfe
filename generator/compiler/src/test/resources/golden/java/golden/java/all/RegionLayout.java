package golden.java.all;

/**
 * Offsets and sizes in bytes of the sections of a Region; {@link #compute} makes one.
 *
 * <p>A region with a fixed header, parametric arrays and an aligned tail.
 *
 * <p>Generated from {@code all_constructs.abi} by abic; do not edit.
 *
 * @param headerOffset The fixed header, first.
 * @param headerBytes size of header
 * @param recordsOffset offset of records
 * @param recordsBytes size of records
 * @param scratchOffset offset of scratch
 * @param scratchBytes size of scratch
 * @param tailOffset offset of tail
 * @param tailBytes size of tail
 * @param atEndOffset offset of at_end
 * @param atEndBytes size of at_end
 * @param totalBytes size of the whole region
 */
public record RegionLayout(long headerOffset, long headerBytes, long recordsOffset,
        long recordsBytes, long scratchOffset, long scratchBytes, long tailOffset, long tailBytes,
        long atEndOffset, long atEndBytes, long totalBytes) {
    /**
     * Places the sections for the given parameters (unsigned 64-bit values), every step checked for overflow.
     *
     * @throws AbiLayoutException if a requirement fails or a size or offset does not fit in 64 bits; its {@link AbiLayoutException#reason()} matches the status of the C++ function
     */
    public static RegionLayout compute(long count, long tailBytes, long spare) {
        // require count >= 1 && count <= 1024 && is_pow2(count)  (all_constructs.abi:78)
        if (!(Long.compareUnsigned(count, 1L) >= 0)) {
            throw AbiSupport.requirementFailed("Region: require count >= 1 && count <= 1024 && is_pow2(count) (all_constructs.abi:78)");
        }
        if (!(Long.compareUnsigned(count, 1024L) <= 0)) {
            throw AbiSupport.requirementFailed("Region: require count >= 1 && count <= 1024 && is_pow2(count) (all_constructs.abi:78)");
        }
        if (!(Long.bitCount(count) == 1)) {
            throw AbiSupport.requirementFailed("Region: require count >= 1 && count <= 1024 && is_pow2(count) (all_constructs.abi:78)");
        }
        // require tail_bytes % 64 == 0 || tail_bytes == 0  (all_constructs.abi:79)
        if (!((Long.remainderUnsigned(tailBytes, 64L) == 0L) || (tailBytes == 0L))) {
            throw AbiSupport.requirementFailed("Region: require tail_bytes % 64 == 0 || tail_bytes == 0 (all_constructs.abi:79)");
        }
        // require count * 2 < 4096  (all_constructs.abi:80)
        long t0_ = AbiSupport.mul(count, 2L, "Region: require count * 2 < 4096 (all_constructs.abi:80)");
        if (!(Long.compareUnsigned(t0_, 4096L) < 0)) {
            throw AbiSupport.requirementFailed("Region: require count * 2 < 4096 (all_constructs.abi:80)");
        }
        long cursor_ = 0L;
        // header: Record  (all_constructs.abi:82)
        long headerBytes_ = 144L;
        long headerOffset_ = cursor_;
        cursor_ = AbiSupport.add(cursor_, headerBytes_, "Region: header: Record (all_constructs.abi:82)");
        // records: Record[count]  (all_constructs.abi:83)
        long recordsBytes_ = AbiSupport.mul(count, 144L, "Region: records: Record[count] (all_constructs.abi:83)");
        long recordsOffset_ = cursor_;
        cursor_ = AbiSupport.add(cursor_, recordsBytes_, "Region: records: Record[count] (all_constructs.abi:83)");
        // scratch: u32[((count / 2) + 1)]  (all_constructs.abi:84)
        long t1_ = AbiSupport.add(Long.divideUnsigned(count, 2L), 1L, "Region: scratch: u32[((count / 2) + 1)] (all_constructs.abi:84)");
        long scratchBytes_ = AbiSupport.mul(t1_, 4L, "Region: scratch: u32[((count / 2) + 1)] (all_constructs.abi:84)");
        long scratchOffset_ = cursor_;
        cursor_ = AbiSupport.add(cursor_, scratchBytes_, "Region: scratch: u32[((count / 2) + 1)] (all_constructs.abi:84)");
        // tail: bytes[tail_bytes] align 64  (all_constructs.abi:85)
        long tailBytes_ = tailBytes;
        cursor_ = AbiSupport.alignUp(cursor_, 64L, "Region: tail: bytes[tail_bytes] align 64 (all_constructs.abi:85)");
        long tailOffset_ = cursor_;
        cursor_ = AbiSupport.add(cursor_, tailBytes_, "Region: tail: bytes[tail_bytes] align 64 (all_constructs.abi:85)");
        // at_end: bytes[64] @ align_up(tail_bytes, 4096) + 8192  (all_constructs.abi:86)
        long atEndBytes_ = 64L;
        long t2_ = AbiSupport.alignUp(tailBytes, 4096L, "Region: at_end: bytes[64] @ align_up(tail_bytes, 4096) + 8192 (all_constructs.abi:86)");
        long t3_ = AbiSupport.add(t2_, 8192L, "Region: at_end: bytes[64] @ align_up(tail_bytes, 4096) + 8192 (all_constructs.abi:86)");
        cursor_ = AbiSupport.placeAt(t3_, cursor_, 1L, "Region: at_end: bytes[64] @ align_up(tail_bytes, 4096) + 8192 (all_constructs.abi:86)");
        long atEndOffset_ = cursor_;
        cursor_ = AbiSupport.add(cursor_, atEndBytes_, "Region: at_end: bytes[64] @ align_up(tail_bytes, 4096) + 8192 (all_constructs.abi:86)");
        // total size rounded up to 128
        cursor_ = AbiSupport.alignUp(cursor_, 128L, "Region: total size rounded up to 128");
        long totalBytes_ = cursor_;
        return new RegionLayout(headerOffset_, headerBytes_, recordsOffset_, recordsBytes_,
                scratchOffset_, scratchBytes_, tailOffset_, tailBytes_, atEndOffset_, atEndBytes_,
                totalBytes_);
    }
}
