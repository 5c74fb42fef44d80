package by.ocenka.platform.config;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.ResolvableType;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * On a Redis Cluster, sends every command from a thread of its own, never from an event loop.
 * <p>
 * Lettuce picks a node's connection for a command's slot from a per-slot table that it empties on every topology
 * refresh (every 5 s and on each failover); refilling an entry takes a lock, and a command that meets another
 * thread holding it parks its thread. On an HTTP event loop that is every request behind it waiting (BlockHound caught
 * it during a failover: a rating answered 500). Sending commands from one dispatch thread keeps every wait there; the
 * cost is one hand-over per command (docs/SCALING.md). A single thread keeps the order in which one request
 * issued its commands. With one Redis (no cluster) nothing changes: its single connection needs no table.
 */
final class RedisClusterDispatch implements BeanPostProcessor, DisposableBean {

    /** Started for a cluster only. */
    private DispatchThread thread;
    private Scheduler scheduler;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof LettuceConnectionFactory factory) || !factory.isClusterAware()) {
            return bean;
        }
        if (thread == null) {
            // One dispatch thread for every cluster-aware factory the context may hold.
            thread = new DispatchThread();
            scheduler = Schedulers.fromExecutor(thread);
        }
        // Through its interfaces (ReactiveRedisConnectionFactory, RedisConnectionFactory, its life cycle): the methods
        // that hand out a connection declare an interface, which the dispatching connection implements.
        ProxyFactory proxy = new ProxyFactory(factory);
        proxy.addAdvice((MethodInterceptor) invocation -> {
            Object result = invocation.proceed();
            return result instanceof ReactiveRedisConnection connection
                    ? offTheLoop(connection, invocation.getMethod().getReturnType()) : result;
        });
        return proxy.getProxy(ClassUtils.getDefaultClassLoader());
    }

    /** A connection (or its commands, or a pub/sub subscription) whose every answer is subscribed on the dispatch thread. */
    private Object offTheLoop(Object target, Class<?> declared) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return adapt(result, method);
        };
        Class<?>[] interfaces = ClassUtils.getAllInterfacesForClass(target.getClass(), declared.getClassLoader());
        return Proxy.newProxyInstance(declared.getClassLoader(), interfaces, handler);
    }

    private Object adapt(Object result, Method method) {
        if (result instanceof Mono<?> mono) {
            Class<?> element = ResolvableType.forMethodReturnType(method).getGeneric(0).resolve(Object.class);
            Mono<?> dispatched = mono.subscribeOn(scheduler);
            return isRedisApi(element) ? dispatched.map(value -> offTheLoop(value, element)) : dispatched;
        }
        if (result instanceof Flux<?> flux) {
            return flux.subscribeOn(scheduler);
        }
        if (result != null && isRedisApi(method.getReturnType())) {
            return offTheLoop(result, method.getReturnType());
        }
        return result;
    }

    /** The connection's command groups and subscriptions (interfaces of Spring Data Redis that issue commands). */
    private static boolean isRedisApi(Class<?> type) {
        return type.isInterface() && type.getPackageName().equals("org.springframework.data.redis.connection")
                && (type.getSimpleName().endsWith("Commands") || type.getSimpleName().endsWith("Connection")
                || type.getSimpleName().equals("ReactiveSubscription"));
    }

    @Override
    public void destroy() {
        if (thread != null) {
            scheduler.dispose();
            thread.stop();
        }
    }

    /**
     * One thread and a lock-free queue: handing a command over never takes a lock (a thread pool's queue does, and a
     * contended one would park the event loop handing over, the very thing avoided here). The thread parks when the
     * queue is empty and is woken by whoever adds to it after it said it would sleep.
     */
    static final class DispatchThread implements Executor {

        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean sleeping = new AtomicBoolean();
        private final Thread worker = new Thread(this::run, "redis-cluster-dispatch");
        private volatile boolean running = true;

        DispatchThread() {
            worker.setDaemon(true);
            worker.start();
        }

        @Override
        public void execute(Runnable task) {
            if (!running) {
                throw new RejectedExecutionException("the Redis cluster dispatch has stopped");
            }
            tasks.add(task);
            if (!running && tasks.remove(task)) {
                // Stopped meanwhile, after its last drain perhaps: refused rather than left unrun.
                throw new RejectedExecutionException("the Redis cluster dispatch has stopped");
            }
            if (sleeping.get() && sleeping.compareAndSet(true, false)) {
                LockSupport.unpark(worker);
            }
        }

        private void run() {
            while (running) {
                Runnable task = tasks.poll();
                if (task != null) {
                    try {
                        task.run();
                    } catch (RuntimeException | Error e) {
                        Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                    }
                    continue;
                }
                sleeping.set(true);
                // A task added before the flag was seen set is found here; one added after it wakes this thread.
                if (tasks.isEmpty() && running) {
                    LockSupport.park(this);
                }
                sleeping.set(false);
            }
            // Stopping: what was handed over still runs (a subscription left waiting would hang its caller).
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                }
            }
        }

        void stop() {
            running = false;
            LockSupport.unpark(worker);
        }
    }
}
