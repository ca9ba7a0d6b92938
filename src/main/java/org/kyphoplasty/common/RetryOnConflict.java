package org.kyphoplasty.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * A transactional write that is run again, up to {@value RetryOnConflictInterceptor#ATTEMPTS} times
 * in all, when the database aborts it for a serialization failure (40001) or a deadlock (40P01)
 * with a concurrent transaction; after that the client gets a 409 it may retry. Put it on
 * services whose methods may simply be called again: nothing may have been consumed (a request
 * stream) or sent before the failure.
 */
@InterceptorBinding
@Inherited
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface RetryOnConflict {
}
