package by.ocenka.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every SQL statement the application sends (r2dbc-proxy around its connection factory), so that a test can
 * count what one request costs.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SqlStatements {

    /** Where statements go while a test records them; null otherwise (the rest of the suite pays nothing). */
    private static volatile List<String> recording;

    /** Records statements from here on: call {@link Mark#since()} after the request. */
    public static Mark mark() {
        List<String> statements = new CopyOnWriteArrayList<>();
        recording = statements;
        return new Mark(statements);
    }

    public record Mark(List<String> statements) {
        /** The statements executed since the mark, without the background mail worker's polling; stops recording. */
        public List<String> since() {
            recording = null;
            return statements.stream().filter(sql -> !sql.contains("mail_outbox")).toList();
        }
    }

    @Bean
    static BeanPostProcessor recordSqlStatements() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ConnectionFactory factory && !(bean instanceof Wrapped<?> w
                        && w.getClass().getName().contains("proxy"))) {
                    return ProxyConnectionFactory.builder(factory).listener(new ProxyExecutionListener() {
                        @Override
                        public void afterQuery(QueryExecutionInfo execution) {
                            List<String> statements = recording;
                            if (statements != null) {
                                execution.getQueries().forEach(query -> statements.add(query.getQuery()));
                            }
                        }
                    }).build();
                }
                return bean;
            }
        };
    }
}
