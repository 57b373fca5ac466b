package org.casefile.figure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.casefile.db.TextFilter;
import org.casefile.edtf.EdtfRange;
import org.casefile.fact.CitationView;
import org.casefile.fact.FactRepository;
import org.casefile.fact.Figure;
import org.casefile.fact.Source;
import org.casefile.http.Page;
import org.casefile.http.PageRequest;
import org.casefile.problem.ProblemException;
import org.casefile.security.ReadsAsCaller;

/** Reads the figures the sources report. */
@ApplicationScoped
@Transactional
@ReadsAsCaller
public class FigureService {

    private final EntityManager em;
    private final FactRepository facts;

    public FigureService(EntityManager em, FactRepository facts) {
        this.em = em;
        this.facts = facts;
    }

    /** source: cited by that source; from/to: as-of days overlapping the range; q: words of what was counted. */
    public record Search(String source, LocalDate from, LocalDate to, String q, String category) {
    }

    /** Figures matching every filter, by as-of day then id; deprecated ones are left out. */
    public Page<FigureViews> list(Search s, PageRequest page) {
        StringBuilder where = new StringBuilder(" where f.rank <> 'deprecated'");
        Map<String, Object> params = new LinkedHashMap<>();
        if (s.source() != null) {
            where.append(" and exists (select 1 from Citation c where c.fact = f and c.sourceId = :source)");
            params.put("source", s.source());
        }
        if (s.from() != null) {
            where.append(" and (f.asOf.upper is null or f.asOf.upper >= :from)");
            params.put("from", s.from());
        }
        if (s.to() != null) {
            where.append(" and (f.asOf.lower is null or f.asOf.lower <= :to)");
            params.put("to", s.to());
        }
        where.append(TextFilter.of(s.q()).condition(params, "f.counted", "f.category", "f.note"));
        if (s.category() != null) {
            where.append(" and f.category = :category");
            params.put("category", s.category());
        }
        var count = em.createQuery("select count(f) from Figure f" + where, Long.class);
        var select = em.createQuery("from Figure f" + where + " order by f.asOf.lower nulls last, f.id", Figure.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        List<Figure> figures = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new Page<>(views(figures), count.getSingleResult(), page.page(), page.size());
    }

    /** Every figure matching the filters, for a draft's {{figure}} placeholder, which must pick exactly one. */
    public List<FigureViews> all(Search s) {
        return list(s, new PageRequest(0, PageRequest.MAX_SIZE)).items();
    }

    public FigureViews get(long id) {
        Figure figure = em.find(Figure.class, id);
        if (figure == null) {
            throw ProblemException.notFound("Figure", Long.toString(id));
        }
        return views(List.of(figure)).get(0);
    }

    private List<FigureViews> views(List<Figure> figures) {
        Map<Long, List<CitationView>> cites = facts.citationsOf(figures.stream().map(f -> f.id).toList());
        Set<String> sourceIds = cites.values().stream().flatMap(List::stream).map(CitationView::source).collect(Collectors.toSet());
        Map<String, Source> sources = sourceIds.isEmpty() ? Map.of()
                : em.createQuery("from Source where id in :ids", Source.class).setParameter("ids", sourceIds).getResultList()
                        .stream().collect(Collectors.toMap(x -> x.id, x -> x));
        return figures.stream().map(f -> {
            List<CitationView> c = cites.getOrDefault(f.id, List.of());
            Source source = c.isEmpty() ? null : sources.get(c.get(0).source());
            return new FigureViews(f.id, f.value, f.qualifier, FigureViews.stated(f.qualifier, f.value), f.counted, f.category,
                    EdtfRange.orNone(f.asOf).edtf(), EdtfRange.orNone(f.asOf).lower(), EdtfRange.orNone(f.asOf).upper(), source == null ? null : source.id, source == null ? null : source.title,
                    source == null ? null : EdtfRange.orNone(source.date).edtf(), f.rank, f.note, c);
        }).toList();
    }
}
