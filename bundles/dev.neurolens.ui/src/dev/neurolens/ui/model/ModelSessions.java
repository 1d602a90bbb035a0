package dev.neurolens.ui.model;

import dev.neurolens.core.model.LoadedModel;
import dev.neurolens.core.model.ModelOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;

/**
 * Open models kept between jobs, so that the next explanation of a model skips loading, graph
 * normalization and the engine's forward check, and reuses the compiled explanation sessions the
 * model holds. One job at a time uses an entry ({@link #acquire} waits for the previous lease);
 * at most {@link #CAPACITY} entries stay open, the least recently used idle ones are closed first.
 *
 * <p>An entry is dropped — closed at once, or when its last lease ends — when its model file or
 * the model's preprocessing sidecar ({@code MODEL.neurolens.properties}) changes, moves or is
 * deleted in the workspace ({@link #resourceChanged}), so a job never runs a stale model.
 */
public final class ModelSessions implements IResourceChangeListener, AutoCloseable {
    /** How many open models are kept. */
    public static final int CAPACITY = 4;
    private static final String SIDECAR_SUFFIX = ".neurolens.properties";

    private final Map<Key, Entry> entries = new LinkedHashMap<>(8, 0.75f, true);
    private int opened;

    /** What identifies an open model: its file and the options it was opened with. */
    private record Key(IPath file, ModelOptions options) {
    }

    /** One open model, its users and the lock that gives it to one job at a time. */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        LoadedModel model;
        int users;
        boolean dropped;
    }

    /** A job's use of an open model; closing it hands the model back (it does not close it). */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        /** The open model. */
        public LoadedModel model() {
            return entry.model;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(entry);
            }
        }
    }

    /**
     * The open model for {@code file} and {@code options}, opened with {@code opener} if there is
     * none yet; waits while another job uses it.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws RuntimeException whatever {@code opener} throws (nothing is kept then)
     */
    public Lease acquire(IFile file, ModelOptions options, Supplier<LoadedModel> opener) throws InterruptedException {
        Key key = new Key(file.getFullPath(), options);
        Entry entry;
        synchronized (this) {
            entry = entries.computeIfAbsent(key, k -> new Entry());
            entry.users++;
        }
        try {
            entry.lock.lockInterruptibly();
        } catch (InterruptedException e) {
            unuse(entry);
            throw e;
        }
        try {
            if (entry.model == null) {
                entry.model = opener.get();
                synchronized (this) {
                    opened++;
                    trim();
                }
            }
            return new Lease(entry);
        } catch (RuntimeException | Error e) {
            release(entry);
            throw e;
        }
    }

    /** How many models were opened so far (a second job on an unchanged model opens none). */
    public synchronized int opened() {
        return opened;
    }

    /** How many models are open and kept now. */
    public synchronized int size() {
        return (int) entries.values().stream().filter(e -> e.model != null).count();
    }

    /** Drops every entry of the model at {@code file} (the workspace path). */
    public void drop(IPath file) {
        List<LoadedModel> toClose = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext();) {
                Map.Entry<Key, Entry> e = it.next();
                if (e.getKey().file().equals(file)) {
                    it.remove();
                    dropLocked(e.getValue(), toClose);
                }
            }
        }
        toClose.forEach(LoadedModel::close);
    }

    @Override
    public void resourceChanged(IResourceChangeEvent event) {
        IResourceDelta delta = event.getDelta();
        if (delta == null) {
            return;
        }
        List<IPath> changed = new ArrayList<>();
        try {
            delta.accept(d -> {
                if (d.getResource().getType() == IResource.FILE && isChange(d)) {
                    changed.add(modelOf(d.getResource().getFullPath()));
                }
                return true;
            });
        } catch (CoreException e) {
            return; // a delta visitor that throws nothing cannot fail
        }
        changed.forEach(this::drop);
    }

    /** Closes every idle model now and the others when their jobs end. */
    @Override
    public void close() {
        List<LoadedModel> toClose = new ArrayList<>();
        synchronized (this) {
            entries.values().forEach(e -> dropLocked(e, toClose));
            entries.clear();
        }
        toClose.forEach(LoadedModel::close);
    }

    private static boolean isChange(IResourceDelta d) {
        int kind = d.getKind();
        int flags = d.getFlags();
        return kind == IResourceDelta.REMOVED || kind == IResourceDelta.ADDED
                || (kind == IResourceDelta.CHANGED && (flags & (IResourceDelta.CONTENT | IResourceDelta.REPLACED
                        | IResourceDelta.MOVED_FROM | IResourceDelta.MOVED_TO)) != 0);
    }

    /** The model a changed file belongs to: itself, or {@code MODEL.onnx} for its sidecar. */
    private static IPath modelOf(IPath changed) {
        String name = changed.lastSegment();
        if (name != null && name.endsWith(SIDECAR_SUFFIX)) {
            String stem = name.substring(0, name.length() - SIDECAR_SUFFIX.length());
            return changed.removeLastSegments(1).append(stem + ".onnx");
        }
        return changed;
    }

    private void release(Entry entry) {
        entry.lock.unlock();
        unuse(entry);
    }

    private void unuse(Entry entry) {
        LoadedModel toClose = null;
        synchronized (this) {
            entry.users--;
            if (entry.dropped && entry.users == 0) {
                toClose = entry.model;
                entry.model = null;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /** Marks an entry dropped; collects its model for closing if no job uses it. Holds the monitor. */
    private static void dropLocked(Entry entry, List<LoadedModel> toClose) {
        entry.dropped = true;
        if (entry.users == 0 && entry.model != null) {
            toClose.add(entry.model);
            entry.model = null;
        }
    }

    /** Closes the least recently used idle models beyond {@link #CAPACITY}. Holds the monitor. */
    private void trim() {
        int open = (int) entries.values().stream().filter(e -> e.model != null).count();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && open > CAPACITY;) {
            Entry e = it.next();
            if (e.users == 0 && e.model != null) {
                it.remove();
                e.dropped = true;
                e.model.close();
                e.model = null;
                open--;
            }
        }
    }
}
