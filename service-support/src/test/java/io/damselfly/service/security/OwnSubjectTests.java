package io.damselfly.service.security;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.damselfly.service.manager.NodeRegistrar;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class OwnSubjectTests {

	@Test
	void theAnsweringBeanIsLookedUpOnceButAskedEveryTime() {
		AtomicReference<String> hostId = new AtomicReference<>();
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("subject", (TokenSubject) hostId::get);
		AtomicInteger lookups = new AtomicInteger();
		ObjectProvider<TokenSubject> subjects = counting(beans.getBeanProvider(TokenSubject.class), lookups);
		ObjectProvider<NodeRegistrar> registrars = beans.getBeanProvider(NodeRegistrar.class);

		TokenSubject own = ServiceSecurityAutoConfiguration.ownSubject(subjects, registrars);
		assertThat(own.subject()).as("not known before the port is bound").isNull();
		hostId.set("peer-a");
		assertThat(own.subject()).isEqualTo("peer-a");
		hostId.set("peer-b");
		assertThat(own.subject()).as("a subject that changes is followed").isEqualTo("peer-b");
		assertThat(lookups).as("one bean factory lookup for three calls").hasValue(1);
	}

	@Test
	void withoutEitherBeanThereIsNoSubjectAndNoSecondLookup() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		AtomicInteger lookups = new AtomicInteger();
		TokenSubject own = ServiceSecurityAutoConfiguration.ownSubject(
				counting(beans.getBeanProvider(TokenSubject.class), lookups), beans.getBeanProvider(NodeRegistrar.class));

		assertThat(own.subject()).isNull();
		assertThat(own.subject()).isNull();
		assertThat(lookups).hasValue(1);
	}

	private static <T> ObjectProvider<T> counting(ObjectProvider<T> delegate, AtomicInteger lookups) {
		return new ObjectProvider<>() {

			@Override
			public T getObject() {
				return delegate.getObject();
			}

			@Override
			public T getIfUnique() {
				lookups.incrementAndGet();
				return delegate.getIfUnique();
			}

		};
	}

}
