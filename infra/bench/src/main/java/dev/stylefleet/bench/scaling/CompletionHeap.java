package dev.stylefleet.bench.scaling;

import java.util.Arrays;

/**
 * Busy pods ordered by the time their job finishes: a binary min-heap of pod ids on a primitive key,
 * each pod at most once. Hand-written because it runs twice per job (tens of millions of times at
 * 1,000x), where java.util.PriorityQueue would box a key per entry.
 */
final class CompletionHeap {
    private int[] heap = new int[64];
    private double[] keys = new double[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    double minTime() {
        return size == 0 ? Double.POSITIVE_INFINITY : keys[0];
    }

    void push(int pod, double time) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (keys[parent] <= time) {
                break;
            }
            heap[i] = heap[parent];
            keys[i] = keys[parent];
            i = parent;
        }
        heap[i] = pod;
        keys[i] = time;
    }

    /** Removes and returns the pod finishing first. */
    int pop() {
        int top = heap[0];
        size--;
        if (size > 0) {
            int pod = heap[size];
            double time = keys[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= time) {
                    break;
                }
                heap[i] = heap[child];
                keys[i] = keys[child];
                i = child;
            }
            heap[i] = pod;
            keys[i] = time;
        }
        return top;
    }
}
