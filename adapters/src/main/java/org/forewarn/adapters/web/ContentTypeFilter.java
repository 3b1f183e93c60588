package org.forewarn.adapters.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 415 a request whose {@code Content-Type} is not one concrete media type
 * ({@code *}{@code /*}, {@code application/*}, or text that is no media type at all). Such a header
 * describes no body, and Spring MVC trips over it with an exception of its own (a 500) in
 * handlers that read a body without declaring what they consume, such as the actuator's.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    public ContentTypeFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && !type.isBlank() && !isConcrete(type)) {
            Problems.write(response, json, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Content-Type must name one media type, e.g. application/json"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isConcrete(String type) {
        try {
            return MediaType.parseMediaType(type).isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
