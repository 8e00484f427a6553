package io.votechain.web;

import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The Thymeleaf engine of the web UI: HTML templates from {@code templates/} on the class path
 * (name without {@code .html}, e.g. {@code official/home}), cached, with messages from {@link
 * Messages}. Every text reaches the page through {@code th:text} (escaped); templates never use
 * {@code th:utext} on anything a user or the ledger supplied. Thread safe.
 */
public final class Templates {
  private final TemplateEngine engine = new TemplateEngine();

  public Templates(Messages messages, ClassLoader loader) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(loader);
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    engine.setTemplateResolver(resolver);
    engine.setMessageResolver(new BundleMessageResolver(messages));
  }

  /** Renders {@code template} in {@code locale} with {@code model}'s variables. */
  public String render(String template, Locale locale, Map<String, Object> model) {
    return engine.process(template, new Context(locale, model));
  }

  /** Resolves {@code #{key(args)}} from the merged bundles. */
  private static final class BundleMessageResolver implements IMessageResolver {
    private final Messages messages;

    BundleMessageResolver(Messages messages) {
      this.messages = messages;
    }

    @Override
    public String getName() {
      return "votechain-bundles";
    }

    @Override
    public Integer getOrder() {
      return 0;
    }

    @Override
    public String resolveMessage(
        ITemplateContext context, Class<?> origin, String key, Object[] messageParameters) {
      return messages.find(context.getLocale(), key, messageParameters).orElse(null);
    }

    @Override
    public String createAbsentMessageRepresentation(
        ITemplateContext context, Class<?> origin, String key, Object[] messageParameters) {
      return Messages.missing(context.getLocale(), key);
    }
  }
}
