<?xml version="1.0" encoding="UTF-8"?>
<!-- Notes: calls in the text, bodies in section.notes (every @place but inline), anchored notes (@target) called at their anchor. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <xsl:template match="tei:note">
    <xsl:variable name="t" select="substring-before(concat(normalize-space(@target), ' '), ' ')"/>
    <xsl:variable name="target" select="key('id', substring-after($t, '#'))[ancestor::tei:text]"/>
    <xsl:choose>
      <xsl:when test="@place = 'inline'">
        <!-- in parentheses, a word apart from the text before it (unless it brings its own) -->
        <xsl:variable name="first" select="substring(normalize-space(.), 1, 1)"/>
        <xsl:variable name="own" select="$first = '(' or $first = '['"/>
        <xsl:call-template name="space-before"/>
        <span class="note-inline">
          <xsl:call-template name="atts"/>
          <xsl:if test="not($own)"><xsl:text>(</xsl:text></xsl:if>
          <xsl:apply-templates/>
          <xsl:if test="not($own)"><xsl:text>)</xsl:text></xsl:if>
        </span>
      </xsl:when>
      <!-- a note on the whole speech (before its first line): called in the speaker label -->
      <xsl:when test="parent::tei:sp[tei:speaker] and not(preceding-sibling::*[not(self::tei:note or self::tei:speaker)])"/>
      <!-- called where its target is -->
      <xsl:when test="$target and (ancestor::tei:back or parent::tei:noteGrp or ancestor::tei:div[@type = 'notes'] or $target[self::tei:anchor])"/>
      <xsl:otherwise><xsl:call-template name="note-call"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:noteGrp">
    <xsl:apply-templates select="tei:note"/>
  </xsl:template>

  <xsl:template name="note-number">
    <xsl:choose>
      <xsl:when test="normalize-space(@n) != ''"><xsl:value-of select="normalize-space(@n)"/></xsl:when>
      <xsl:otherwise><xsl:number level="any" count="tei:text//tei:note[not(@place = 'inline')]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The call: a numbered link to the note body; its id is the target of the back-link. -->
  <xsl:template name="note-call">
    <xsl:variable name="id"><xsl:call-template name="id-value"/></xsl:variable>
    <a class="noteref" role="doc-noteref" id="noteref-{$id}" href="#{$id}">
      <xsl:if test="@place"><xsl:attribute name="data-place"><xsl:value-of select="@place"/></xsl:attribute></xsl:if>
      <xsl:call-template name="note-number"/>
    </a>
  </xsl:template>

  <!-- An anchor: its id, and the calls of the notes pointing at it. -->
  <xsl:template match="tei:anchor">
    <span class="anchor">
      <xsl:call-template name="atts"/>
    </span>
    <xsl:for-each select="key('note-by-target', @xml:id)[not(ancestor::tei:back or parent::tei:noteGrp or ancestor::tei:div[@type = 'notes'])]">
      <xsl:call-template name="note-call"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ============ the notes section ============ -->
  <xsl:template name="notes-section">
    <xsl:variable name="notes" select="key('element-by-name', 'note')[self::tei:note][not(@place = 'inline')][ancestor::tei:text]
        | key('element-by-name', 'app')[self::tei:app]"/>
    <xsl:if test="$notes">
      <section id="{$id-notes}" class="notes" role="doc-endnotes" aria-labelledby="{$id-notes}-heading">
        <h2 id="{$id-notes}-heading"><xsl:value-of select="$L[@k = 'notes']"/></h2>
        <xsl:apply-templates select="$notes" mode="note-body"/>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note" mode="note-body">
    <xsl:variable name="id"><xsl:call-template name="id-value"/></xsl:variable>
    <xsl:variable name="num"><xsl:call-template name="note-number"/></xsl:variable>
    <xsl:variable name="backlink">
      <a class="backlink" role="doc-backlink" href="#noteref-{$id}" aria-label="{$L[@k = 'back-to-note']} {$num}"><xsl:value-of select="$num"/></a>
      <xsl:text> </xsl:text>
    </xsl:variable>
    <!-- each note is a landmark of its own: it needs a name no other note has -->
    <aside class="note" role="doc-footnote" id="{$id}">
      <xsl:attribute name="aria-label"><xsl:value-of select="$L[@k = 'note']"/><xsl:text> </xsl:text><xsl:number level="any" count="tei:text//tei:note[not(@place = 'inline')]"/></xsl:attribute>
      <xsl:apply-templates select="@xml:lang" mode="att"/>
      <xsl:attribute name="data-place">
        <xsl:choose>
          <xsl:when test="@place"><xsl:value-of select="@place"/></xsl:when>
          <xsl:otherwise>foot</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:variable name="blocks"><xsl:call-template name="has-blocks"/></xsl:variable>
      <xsl:choose>
        <xsl:when test="$blocks = 'y'">
          <xsl:copy-of select="$backlink"/>
          <xsl:apply-templates/>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:copy-of select="$backlink"/><xsl:apply-templates/></p>
        </xsl:otherwise>
      </xsl:choose>
    </aside>
  </xsl:template>

</xsl:stylesheet>
