package org.netra.store.job;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The background job queue of every node, in the database. A job is claimed by one node at a time for a lease
 * (a time until which it is that node's), which the node renews while it runs; when the lease runs out without
 * renewal (the node was killed) the job is claimable again. Every state change of a running job names the lease
 * owner, so a node that lost its lease cannot overwrite what the new owner writes. The web app decides what a job
 * computes; this class only keeps the rows.
 */
public final class JobRows {
    /** Where a job stands. */
    public enum State {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }

    /**
     * One job.
     *
     * @param kind what computes it (the web app's name for a kind of job)
     * @param params the kind's input as JSON: enough for any node to make the job's input again
     * @param failure why it failed, or a note on a finished job ("" for none)
     * @param attempts how many times a node has claimed it
     * @param leaseOwner the node running it (null when none has)
     */
    public record Row(
            String id,
            String kind,
            String params,
            String owner,
            String label,
            String method,
            State state,
            int percent,
            String step,
            String failure,
            Instant submitted,
            int attempts,
            String leaseOwner,
            Instant leaseUntil) {}

    private static final String COLUMNS = "id, kind, params, owner_user, label, dose_method, state, percent_done, step,"
            + " failure, submitted_at, attempts, lease_owner, lease_until";

    private final Jdbi jdbi;

    public JobRows(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Queues a new job. */
    public void insert(String id, String kind, String params, String owner, String label, String method, Instant at) {
        jdbi.useHandle(h -> insert(h, id, kind, params, owner, label, method, at));
    }

    private static void insert(
            org.jdbi.v3.core.Handle h,
            String id,
            String kind,
            String params,
            String owner,
            String label,
            String method,
            Instant at) {
        h.createUpdate("INSERT INTO job_queue (" + COLUMNS + ") VALUES (:id, :kind, :params,"
                        + " :owner, :label, :method, 'QUEUED', 0, 'queued', '', :at, 0, NULL, NULL)")
                .bind("id", id)
                .bind("kind", kind)
                .bind("params", params)
                .bind("owner", owner)
                .bind("label", label)
                .bind("method", method)
                .bind("at", at(at))
                .execute();
    }

    /** An upload waiting for its user's choice of time points and VOIs: {@code listing} is the web app's JSON. */
    public record AwaitingUpload(String id, String owner, String listing, Instant uploaded) {}

    /** Keeps an unpacked upload's listing until its user chooses what to compute, on this node or another. */
    public void awaitSelection(String id, String owner, String listing, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO upload_awaiting (id, owner_user, listing, uploaded_at)"
                        + " VALUES (:id, :owner, :listing, :at)")
                .bind("id", id)
                .bind("owner", owner)
                .bind("listing", listing)
                .bind("at", at(at))
                .execute());
    }

    /** The upload {@code id} of {@code owner} still waiting for its selection. */
    public Optional<AwaitingUpload> awaiting(String id, String owner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, owner_user, listing, uploaded_at FROM upload_awaiting"
                        + " WHERE id = :id AND owner_user = :owner")
                .bind("id", id)
                .bind("owner", owner)
                .map((rs, ctx) -> new AwaitingUpload(
                        rs.getString("id"),
                        rs.getString("owner_user"),
                        rs.getString("listing"),
                        rs.getObject("uploaded_at", OffsetDateTime.class).toInstant()))
                .findOne());
    }

    /** Whether an upload with this id, uploaded after {@code after}, waits for its selection (its folder stays). */
    public boolean isAwaitingSince(String id, Instant after) {
        return jdbi.withHandle(h -> h.createQuery(
                                "SELECT COUNT(*) FROM upload_awaiting WHERE id = :id AND uploaded_at >= :after")
                        .bind("id", id)
                        .bind("after", at(after))
                        .mapTo(Integer.class)
                        .one())
                > 0;
    }

    /**
     * Starts a waiting upload: its row goes and the job {@code id} is queued with {@code params}, in one
     * transaction. False (and nothing queued) when the upload no longer waits: started already, on any node.
     */
    public boolean startAwaiting(
            String id, String owner, String kind, String params, String label, String method, Instant at) {
        return jdbi.inTransaction(h -> {
            int taken = h.createUpdate("DELETE FROM upload_awaiting WHERE id = :id AND owner_user = :owner")
                    .bind("id", id)
                    .bind("owner", owner)
                    .execute();
            if (taken != 1) {
                return false;
            }
            insert(h, id, kind, params, owner, label, method, at);
            return true;
        });
    }

    /** Forgets waiting uploads older than {@code before} (their folders expire with them); how many. */
    public int forgetAwaitingBefore(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM upload_awaiting WHERE uploaded_at < :before")
                .bind("before", at(before))
                .execute());
    }

    public Optional<Row> find(String id) {
        return jdbi.withHandle(
                h -> rows(h.createQuery("SELECT " + COLUMNS + " FROM job_queue WHERE id = :id")
                                .bind("id", id))
                        .stream()
                        .findFirst());
    }

    /** Every job, newest first. */
    public List<Row> list() {
        return jdbi.withHandle(
                h -> rows(h.createQuery("SELECT " + COLUMNS + " FROM job_queue ORDER BY submitted_at DESC")));
    }

    /** How many jobs are queued or running (of any node). */
    public long unfinished() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM job_queue WHERE state IN ('QUEUED', 'RUNNING')")
                .mapTo(Long.class)
                .one());
    }

    /**
     * Claims the oldest job of one of {@code kinds} that is queued or whose lease ran out before {@code now}, for
     * {@code node} until {@code until}; empty when there is none. Two nodes claiming at once: the conditional
     * UPDATE lets one of them have it, the other tries the next.
     */
    public Optional<Row> claim(Collection<String> kinds, String node, Instant now, Instant until) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> {
            List<String> candidates = h.createQuery("SELECT id FROM job_queue WHERE kind IN (<kinds>) AND (state ="
                            + " 'QUEUED' OR (state = 'RUNNING' AND lease_until < :now)) ORDER BY submitted_at, id")
                    .bindList("kinds", List.copyOf(kinds))
                    .bind("now", at(now))
                    .setMaxRows(20)
                    .mapTo(String.class)
                    .list();
            for (String id : candidates) {
                int claimed = h.createUpdate("UPDATE job_queue SET state = 'RUNNING', lease_owner = :node,"
                                + " lease_until = :until, attempts = attempts + 1 WHERE id = :id AND (state ="
                                + " 'QUEUED' OR (state = 'RUNNING' AND lease_until < :now))")
                        .bind("node", node)
                        .bind("until", at(until))
                        .bind("id", id)
                        .bind("now", at(now))
                        .execute();
                if (claimed == 1) {
                    return rows(h.createQuery("SELECT " + COLUMNS + " FROM job_queue WHERE id = :id")
                                    .bind("id", id))
                            .stream()
                            .findFirst();
                }
            }
            return Optional.empty();
        });
    }

    /** Renews {@code node}'s lease of a running job; false when the node no longer holds it. */
    public boolean renew(String id, String node, Instant until) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE job_queue SET lease_until = :until WHERE id = :id AND"
                                + " state = 'RUNNING' AND lease_owner = :node")
                        .bind("until", at(until))
                        .bind("id", id)
                        .bind("node", node)
                        .execute())
                == 1;
    }

    /** A running job's progress, written by the node holding it; false when the node no longer holds it. */
    public boolean progress(String id, String node, int percent, String step) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE job_queue SET percent_done = :percent, step = :step"
                                + " WHERE id = :id AND state = 'RUNNING' AND lease_owner = :node")
                        .bind("percent", percent)
                        .bind("step", clip(step, 512))
                        .bind("id", id)
                        .bind("node", node)
                        .execute())
                == 1;
    }

    /**
     * Ends a running job held by {@code node} as DONE or FAILED with {@code failure} ("" for none); false when
     * the node no longer holds it.
     */
    public boolean finish(String id, String node, State state, String failure) {
        if (state != State.DONE && state != State.FAILED) {
            throw new IllegalArgumentException("a job ends DONE or FAILED, not " + state);
        }
        return jdbi.withHandle(h -> h.createUpdate("UPDATE job_queue SET state = :state, percent_done = 100, step ="
                                + " :step, failure = :failure, lease_until = NULL WHERE id = :id AND state ="
                                + " 'RUNNING' AND lease_owner = :node")
                        .bind("state", state.name())
                        .bind("step", state == State.DONE ? "done" : "failed")
                        .bind("failure", failure)
                        .bind("id", id)
                        .bind("node", node)
                        .execute())
                == 1;
    }

    private static List<Row> rows(Query q) {
        return q.map((rs, ctx) -> new Row(
                        rs.getString("id"),
                        rs.getString("kind"),
                        rs.getString("params"),
                        rs.getString("owner_user"),
                        rs.getString("label"),
                        rs.getString("dose_method"),
                        State.valueOf(rs.getString("state")),
                        rs.getInt("percent_done"),
                        rs.getString("step"),
                        rs.getString("failure"),
                        rs.getObject("submitted_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("attempts"),
                        rs.getString("lease_owner"),
                        Optional.ofNullable(rs.getObject("lease_until", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)
                                .orElse(null)))
                .list();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static OffsetDateTime at(Instant t) {
        // microseconds: what both H2 and PostgreSQL keep
        return OffsetDateTime.ofInstant(t.minusNanos(t.getNano() % 1000), ZoneOffset.UTC);
    }
}
