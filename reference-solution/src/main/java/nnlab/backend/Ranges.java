package nnlab.backend;

import com.aparapi.Range;
import com.aparapi.device.Device;

/**
 * Builds Aparapi ranges that are valid for a device, and refuses to build any other.
 *
 * <p>An invalid range (a work-group larger than the device allows, or a global size that is not a multiple of the
 * group) makes the OpenCL launch fail, and Aparapi's Java fallback then silently computes nothing. Global sizes are
 * therefore rounded up to whole work-groups here; the kernels guard the extra work-items.
 */
final class Ranges {

    private Ranges() {
    }

    /**
     * Checks that {@code device} can run work-groups of {@code x × y} items.
     *
     * @throws IllegalArgumentException naming the device's limits if it cannot
     */
    static void requireGroup(Device device, int x, int y) {
        int[] maxItems = device.getMaxWorkItemSize();
        boolean fits = x * y <= device.getMaxWorkGroupSize()
                && device.getMaxWorkItemDimensions() >= 2
                && maxItems != null && maxItems.length >= 2 && x <= maxItems[0] && y <= maxItems[1];
        if (!fits) {
            throw new IllegalArgumentException("OpenCL device " + device.getShortDescription() + " cannot run "
                    + x + "×" + y + " work-groups (max group size " + device.getMaxWorkGroupSize() + ", max items "
                    + java.util.Arrays.toString(maxItems) + "); use another device or the java backend.");
        }
    }

    /** Returns a 1-D range covering {@code items} (at least one group) in groups of {@code group}. */
    static Range line(Device device, int items, int group) {
        Range range = Range.create(device, roundUp(items, group), group);
        return requireValid(range, group, 1);
    }

    /** Returns a 2-D range covering {@code x × y} items in groups of {@code groupX × groupY}. */
    static Range grid(Device device, int x, int y, int groupX, int groupY) {
        Range range = Range.create2D(device, roundUp(x, groupX), roundUp(y, groupY), groupX, groupY);
        return requireValid(range, groupX, groupY);
    }

    private static Range requireValid(Range range, int groupX, int groupY) {
        boolean valid = range.isValid()
                && range.getLocalSize(0) == groupX
                && (range.getDims() == 1 || range.getLocalSize(1) == groupY)
                && range.getGlobalSize(0) % groupX == 0
                && (range.getDims() == 1 || range.getGlobalSize(1) % groupY == 0);
        if (!valid) {
            throw new IllegalStateException("Aparapi built an invalid range " + range + " for work-groups of "
                    + groupX + "×" + groupY + "; this is a bug in nnlab.backend, run with -Dnnlab.backend=java meanwhile.");
        }
        return range;
    }

    private static int roundUp(int items, int group) {
        int groups = Math.max(1, (items + group - 1) / group);
        return Math.multiplyExact(groups, group);
    }
}
