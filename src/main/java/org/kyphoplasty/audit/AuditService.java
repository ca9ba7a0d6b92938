package org.kyphoplasty.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.kyphoplasty.common.Page;
import org.kyphoplasty.common.PageRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The append-only audit trail. {@link #record} must be called inside the transaction of the change
 * it describes (it is {@code MANDATORY}), so the entry and the change commit or roll back together.
 */
@ApplicationScoped
public class AuditService {

    private static final String INSERT = "insert into audit_entry (at, user_name, action, entity_type, entity_id, "
            + "before, after) values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), cast(?7 as jsonb))";

    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    public AuditService(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String user, AuditAction action, EntityType type, UUID entityId, Object before, Object after) {
        entityManager.createNativeQuery(INSERT)
                .setParameter(1, Timestamp.from(Instant.now()))
                .setParameter(2, user)
                .setParameter(3, action.name())
                .setParameter(4, type.name())
                .setParameter(5, entityId)
                .setParameter(6, json(before))
                .setParameter(7, json(after))
                .executeUpdate();
    }

    /** The content of a READ entry. */
    public record Read(String endpoint, Map<String, List<String>> parameters, long patients) {
    }

    /**
     * Records an aggregate query or an export, in a transaction of its own (reads have none): who, when, which endpoint
     * with which parameters, and how many patients it covered. Returns the entry's query id.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public UUID recordRead(String user, String endpoint, Map<String, List<String>> parameters, long patients) {
        UUID query = UUID.randomUUID();
        record(user, AuditAction.READ, EntityType.QUERY, query, null,
                new Read(endpoint, new TreeMap<>(parameters), patients));
        return query;
    }

    public String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit JSON", e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditRecord> find(UUID entityId, AuditAction action, Instant from, Instant to, PageRequest page) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> parameters = new ArrayList<>();
        if (action != null) {
            parameters.add(action.name());
            where.append(" and action = ?").append(parameters.size());
        }
        if (entityId != null) {
            parameters.add(entityId);
            where.append(" and entity_id = ?").append(parameters.size());
        }
        if (from != null) {
            parameters.add(Timestamp.from(from));
            where.append(" and at >= ?").append(parameters.size());
        }
        if (to != null) {
            parameters.add(Timestamp.from(to));
            where.append(" and at < ?").append(parameters.size());
        }
        Query count = entityManager.createNativeQuery("select count(*) from audit_entry" + where);
        Query select = entityManager.createNativeQuery("select id, at, user_name, action, entity_type, entity_id, "
                + "cast(before as text), cast(after as text) from audit_entry" + where
                + " order by at desc, id desc limit " + page.size() + " offset " + page.offset());
        for (int i = 0; i < parameters.size(); i++) {
            count.setParameter(i + 1, parameters.get(i));
            select.setParameter(i + 1, parameters.get(i));
        }
        long total = ((Number) count.getSingleResult()).longValue();
        List<AuditRecord> items = new ArrayList<>();
        for (Object row : select.getResultList()) {
            Object[] columns = (Object[]) row;
            items.add(new AuditRecord(((Number) columns[0]).longValue(), toInstant(columns[1]), (String) columns[2],
                    AuditAction.valueOf((String) columns[3]), EntityType.valueOf((String) columns[4]),
                    (UUID) columns[5], tree((String) columns[6]), tree((String) columns[7])));
        }
        return page.page(items, total);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable audit JSON", e);
        }
    }
}
